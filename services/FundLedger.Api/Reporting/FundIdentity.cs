using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>
/// 年初结转和结余 + 本年收入 + 使用非财政拨款结余 = 本年支出 + 结余分配 + 年末结转和结余 (invariant 4).
/// Income is what the year's own lines received: their adjusted budgets less what lapsed back to the treasury (a line funded from earlier
/// surplus is 使用非财政拨款结余 instead, counted the same way); the opening balance is the budget of the lines carried over into
/// the year; the closing balance is what the year carried forward.
/// </summary>
public sealed record FundIdentity(Money Opening, Money Income, Money Expenditure, Money Closing, Money UsedSurplus, Money Distributed)
{
    public static FundIdentity Of(IReadOnlyCollection<Appropriation> lines) => new(
        lines.Sum(FinalAccountsTables.Opening),
        lines.Sum(FinalAccountsTables.Income),
        lines.Sum(a => a.Executed),
        lines.Sum(a => a.Carried),
        lines.Sum(FinalAccountsTables.UsedSurplus),
        lines.Sum(a => a.Distributed));

    /// <summary>Unspent money of an open year belongs to neither side until it is carried or lapses.</summary>
    public Money Unresolved => Opening + Income + UsedSurplus - Expenditure - Distributed - Closing;
}
