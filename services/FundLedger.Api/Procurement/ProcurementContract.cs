using System.Text.Json.Serialization;
using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Procurement;

/// <summary>采购品目的大类: the 政府采购 table of the 决算说明 splits the year's procurement into these three.</summary>
public enum ProcurementCategory { Goods, Works, Services }

/// <summary>
/// 企业划型 under 工信部联企业〔2011〕300号: medium, small and micro suppliers are 中小企业; small and micro are
/// 小微企业, the two shares the 决算说明 publishes.
/// </summary>
public enum SupplierSize { Large, Medium, Small, Micro }

/// <summary>
/// 政府采购合同签订: a unit signed a procurement contract in the year, with a supplier of a size, for an amount; who
/// recorded it and when. A contract is never edited: what is paid under it comes from the payments naming it.
/// </summary>
public sealed record ProcurementContractSigned(
    int Year, string ContractNo, string DepartmentCode, string DepartmentName, ProcurementCategory Category, string SupplierName,
    SupplierSize SupplierSize, Money Amount, DateOnly SignedOn, string? Subject, string RecordedBy, string ClientId,
    DateTimeOffset RecordedAt);

/// <summary>
/// A contract and what has been paid under it: the state a payment naming it is decided on. Its stream is
/// <c>contract/{year}/{contractNo}</c>; the payments are on their appropriations' streams and fold into it too.
/// </summary>
public sealed record ProcurementContract
{
    public string Id { get; init; } = "";
    public int Year { get; init; }
    public ProcurementContractSigned Signed { get; init; } = null!;
    public Money Paid { get; init; }
    public Money Reversed { get; init; }
    public int Payments { get; init; }

    [JsonIgnore] public Money Net => Paid - Reversed;
    [JsonIgnore] public Money Remaining => Signed.Amount - Net;

    public static string KeyFor(int year, string contractNo) => $"contract/{year}/{contractNo}";

    /// <summary>The streams of a year's contracts: their ids begin with this.</summary>
    public static string YearPrefix(int year) => $"contract/{year}/";

    /// <summary>
    /// The contract's fold: started by its signing; each payment naming it adds to what was paid, each reversal of such a
    /// payment takes back from it. Other events leave it as it was.
    /// </summary>
    public static ProcurementContract? Fold(ProcurementContract? current, object e) => (current, e) switch
    {
        (_, ProcurementContractSigned signed) => new ProcurementContract
        {
            Id = KeyFor(signed.Year, signed.ContractNo), Year = signed.Year, Signed = signed,
        },
        ({ } contract, DisbursementRecorded paid) => contract with { Paid = contract.Paid + paid.Amount, Payments = contract.Payments + 1 },
        ({ } contract, DisbursementReversed reversal) => contract with { Reversed = contract.Reversed + reversal.Amount },
        _ => current,
    };

    /// <summary>
    /// Why a payment of <paramref name="amount"/> on <paramref name="line"/> may not name this contract, or null when it may:
    /// the contract is its unit's, and under hard control it is never paid beyond its amount.
    /// </summary>
    public Refusal? CheckPayment(Appropriation line, Money amount)
    {
        if (Signed.DepartmentCode != line.DepartmentCode)
            return Refusal.Invalid("contractNo", $"contract {Signed.ContractNo} was signed by unit {Signed.DepartmentCode}, and " +
                $"appropriation " +
                $"{line.Code} is unit {line.DepartmentCode}'s: a payment names a contract of its own unit");
        if (amount > Remaining && line.Control == BudgetControl.Hard)
            return Refusal.Invalid("amount", $"exceeds what is left of contract {Signed.ContractNo}: {Remaining} of {Signed.Amount} " +
                $"(paid {Net} net of reversals); under hard control no contract is paid beyond its amount");
        return null;
    }

    public static Refusal NotFound(int year, string contractNo) =>
        Refusal.Invalid("contractNo", $"no procurement contract {contractNo} was recorded for {year} in this district");
}
