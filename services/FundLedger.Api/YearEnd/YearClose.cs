using FundLedger.Appropriations;
using FundLedger.Hosting;

namespace FundLedger.YearEnd;

/// <summary>年终结账: what lapses when a year is closed. Pure: the same figures always give the same lapses.</summary>
public static class YearClose
{
    /// <summary>
    /// Every open appropriation's unspent, uncarried balance lapses (结余). An advisory line that overspent has
    /// nothing left, so it lapses 0 and its overspend stays visible in its figures.
    /// </summary>
    public static IReadOnlyList<(Appropriation Line, BalanceLapsed Lapse)> Lapses(IEnumerable<Appropriation> lines, int year, Actor actor, DateTimeOffset now) =>
        lines.Where(a => !a.Closed)
            .OrderBy(a => a.Code, StringComparer.Ordinal)
            .Select(a => (a, new BalanceLapsed(Money.Max(a.Available, Money.Zero), year, actor.Subject, actor.ClientId, now)))
            .ToList();

    public static YearCloseResult Result(int year, bool dryRun, IReadOnlyList<(Appropriation Line, BalanceLapsed Lapse)> lapses)
    {
        var lines = lapses.Select(l => new YearCloseLine(l.Line.Code, l.Line.Name, l.Line.Adjusted.Yuan, l.Line.Executed.Yuan,
            l.Line.Carried.Yuan, l.Lapse.Amount.Yuan)).ToList();
        return new YearCloseResult(year, dryRun, !dryRun, lines.Count,
            lapses.Sum(l => l.Line.Adjusted).Yuan, lapses.Sum(l => l.Line.Executed).Yuan,
            lapses.Sum(l => l.Line.Carried).Yuan, lapses.Sum(l => l.Lapse.Amount).Yuan, lines);
    }
}
