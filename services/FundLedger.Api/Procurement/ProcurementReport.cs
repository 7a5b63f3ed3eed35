using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Procurement;

/// <summary>Which amount of a contract counts as the year's 政府采购: what was paid under it, or what it was signed for.</summary>
public enum ProcurementBasis { Payments, Contracts }

/// <summary>
/// The year's 政府采购 as the 决算说明 publishes it: by category, and the amounts and shares awarded to 中小企业 and
/// 小微企业. A pure function of the contracts as folded (now or at an instant).
/// </summary>
public static class ProcurementReportBuilder
{
    public static string BasisText(ProcurementBasis basis) => basis switch
    {
        ProcurementBasis.Payments =>
            "政府采购支出: paid in the year under procurement contracts, net of reversals (as Beijing's 部门决算 publish it)",
        _ => "合同签订金额: the amounts of the contracts signed in the year",
    };

    public static ProcurementReport Build(int year, string? department, ProcurementBasis basis, IEnumerable<ProcurementContract> all,
        DateTimeOffset? asOf)
    {
        var contracts = all.Where(c => department is null || c.Signed.DepartmentCode == department)
            .OrderBy(c => c.Signed.SignedOn).ThenBy(c => c.Signed.ContractNo, StringComparer.Ordinal).ToList();
        Money Counted(ProcurementContract c) => basis == ProcurementBasis.Payments ? c.Net : c.Signed.Amount;
        ProcurementLine Line(string category, IReadOnlyCollection<ProcurementContract> of)
        {
            var amount = of.Sum(Counted);
            var sme = of.Where(c => c.Signed.SupplierSize != SupplierSize.Large).Sum(Counted);
            var smallMicro = of.Where(c => c.Signed.SupplierSize is SupplierSize.Small or SupplierSize.Micro).Sum(Counted);
            return new ProcurementLine(category, amount.Yuan, Rounding.ToWanYuan(amount), sme.Yuan, Rounding.ToWanYuan(sme),
                smallMicro.Yuan, Rounding.ToWanYuan(smallMicro), of.Count);
        }
        var categories = Enum.GetValues<ProcurementCategory>()
            .Select(k => Line(Wire.Name(k), contracts.Where(c => c.Signed.Category == k).ToList())).ToList();
        var total = Line("total", contracts);
        var whole = Money.Of(total.Amount);
        return new ProcurementReport(year, department, Wire.Name(basis), BasisText(basis), total, categories,
            Rounding.Percent(Money.Of(total.SmeAmount), whole), Rounding.Percent(Money.Of(total.SmallMicroAmount), whole),
            contracts.Select(ProcurementFigures.Of).ToList(), asOf);
    }

    /// <summary>
    /// The year's contracts as recorded at an instant: their signings and the payments and reversals naming them, folded in
    /// sequence order with the contract's own fold.
    /// </summary>
    public static IReadOnlyCollection<ProcurementContract> Replay(IEnumerable<(long Sequence, object Data)> events, int year)
    {
        var contracts = new Dictionary<string, ProcurementContract>(StringComparer.Ordinal);
        foreach (var (_, e) in events.OrderBy(e => e.Sequence))
        {
            var key = e switch
            {
                ProcurementContractSigned s => ProcurementContract.KeyFor(s.Year, s.ContractNo),
                DisbursementRecorded { ContractNo: { } no } => ProcurementContract.KeyFor(year, no),
                DisbursementReversed { ContractNo: { } no } => ProcurementContract.KeyFor(year, no),
                _ => null,
            };
            if (key is not null && ProcurementContract.Fold(contracts.GetValueOrDefault(key), e) is { } folded) contracts[key] = folded;
        }
        return contracts.Values;
    }
}

public static class ProcurementFigures
{
    public static ProcurementContractFigures Of(ProcurementContract c) => new(c.Year, c.Signed.ContractNo,
        new Department(c.Signed.DepartmentCode, c.Signed.DepartmentName), Wire.Name(c.Signed.Category),
        new SupplierFigures(c.Signed.SupplierName, Wire.Name(c.Signed.SupplierSize)), c.Signed.Amount.Yuan, c.Signed.SignedOn,
        c.Signed.Subject, c.Net.Yuan, c.Remaining.Yuan, c.Payments, c.Signed.RecordedBy, c.Signed.RecordedAt);
}
