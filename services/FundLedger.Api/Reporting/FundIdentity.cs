using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>
/// 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余 (invariant 4). Income is what the year's own lines received:
/// their adjusted budgets less what lapsed back to the treasury; the opening balance is the budget of the lines carried
/// over into the year; the closing balance is what the year carried forward.
/// </summary>
public sealed record FundIdentity(Money Opening, Money Income, Money Expenditure, Money Closing)
{
    public static FundIdentity Of(IReadOnlyCollection<Appropriation> lines)
    {
        var carriedIn = lines.Where(a => a.CarriedFrom is not null).ToList();
        return new FundIdentity(
            carriedIn.Sum(a => a.Adjusted),
            lines.Where(a => a.CarriedFrom is null).Sum(a => a.Adjusted - a.Lapsed),
            lines.Sum(a => a.Executed),
            lines.Sum(a => a.Carried));
    }

    /// <summary>Unspent money of an open year belongs to neither side until it is carried or lapses.</summary>
    public Money Unresolved => Opening + Income - Expenditure - Closing;
}
