using System.ComponentModel.DataAnnotations;
using FundLedger.Appropriations;

namespace FundLedger.Procurement;

/// <summary>
/// 政府采购合同: <c>POST …/years/{year}/procurement-contracts</c>. <c>contractNo</c> is unique in the district and year: the same
/// body again replays the first answer, another body is 409 duplicate-contract. Payments name it by <c>contractNo</c>.
/// </summary>
public sealed record SignProcurementContractRequest
{
    [Required] public string? ContractNo { get; init; }
    /// <summary>The budget unit that signed it; payments under it must be on that unit's appropriations.</summary>
    [Required] public DepartmentRef? Department { get; init; }
    /// <summary><c>goods</c> 货物, <c>works</c> 工程 or <c>services</c> 服务.</summary>
    [Required] public string? Category { get; init; }
    [Required] public SupplierInput? Supplier { get; init; }
    /// <summary>合同金额 in 元, more than 0; under hard control no contract is paid beyond it.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    /// <summary>yyyy-MM-dd, in the year.</summary>
    [Required] public string? SignedOn { get; init; }
    /// <summary>What was bought, as the contract names it (at most 500 characters).</summary>
    public string? Subject { get; init; }
}

/// <summary>The supplier and its size under 中小企业划型标准 (工信部联企业〔2011〕300号).</summary>
public sealed record SupplierInput
{
    [Required] public string? Name { get; init; }
    /// <summary><c>large</c> 大型, <c>medium</c> 中型, <c>small</c> 小型 or <c>micro</c> 微型.</summary>
    [Required] public string? Size { get; init; }
}

public sealed record SupplierFigures(string Name, string Size);

/// <summary>A contract and what has been paid under it (net of reversals), now or at <c>asOf</c>.</summary>
public sealed record ProcurementContractFigures(
    int Year, string ContractNo, Department Department, string Category, SupplierFigures Supplier, decimal Amount, DateOnly SignedOn,
    string? Subject, decimal Paid, decimal Remaining, int Payments, string SignedBy, DateTimeOffset RecordedAt);

/// <summary>One line of the year's 政府采购: a category, or the whole year.</summary>
public sealed record ProcurementLine(
    string Category, decimal Amount, decimal AmountWan, decimal SmeAmount, decimal SmeAmountWan, decimal SmallMicroAmount,
    decimal SmallMicroAmountWan, int Contracts);

/// <summary>
/// 政府采购支出 of a year (or one unit's), on one basis: <c>payments</c> (支出: paid in the year under contracts, net of
/// reversals, as the 部门决算 of Beijing's districts publish it) or <c>contracts</c> (合同签订金额: contracts signed in the
/// year, as other regions publish it). Shares of 中小企业 and 小微企业 are of the total, in percent to 2 places.
/// </summary>
public sealed record ProcurementReport(
    int Year, string? Department, string Basis, string BasisText, ProcurementLine Total, IReadOnlyList<ProcurementLine> Categories,
    decimal SmeShare, decimal SmallMicroShare, IReadOnlyList<ProcurementContractFigures> Contracts, DateTimeOffset? AsOf);
