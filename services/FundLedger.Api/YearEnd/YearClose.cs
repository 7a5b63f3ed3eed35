using FundLedger.Appropriations;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.YearEnd;

/// <summary>年终结账: what lapses when a year is closed. Pure: the same figures always give the same lapses.</summary>
public static class YearClose
{
    /// <summary>
    /// Every open appropriation's unspent, uncarried balance lapses (结余). An advisory line that overspent has
    /// nothing left, so it lapses 0 and its overspend stays visible in its figures.
    /// </summary>
    public static IReadOnlyList<(Appropriation Line, BalanceLapsed Lapse)> Lapses(
        IEnumerable<Appropriation> lines, int year, Actor actor, DateTimeOffset now) =>
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

    /// <summary>
    /// 年终结账 in a transaction of its own: the year's lock exclusive (no line can be created in it meanwhile) and every
    /// line's lock, one lapse per open line appended to its stream, then the fiscal year's close. Closing twice is
    /// answered with the first close: the claim replays it.
    /// </summary>
    public sealed class Write(string district, int year) : LedgerWrite("close-year", district)
    {
        public override IReadOnlyList<KeyClaim> Claims { get; } =
            [new($"close:{year}", "year-closed", $"The fiscal year {year} is already closed")];
        public override string RequestHash { get; } = RequestFingerprint.Of("close", null, ("year", year));
        public override string? EarlierRequestHash => CommandHash.Of("close", year);
        public override bool Alone => true;

        public override void Declare(WriteNeeds needs) => needs.CloseYear(District, year);

        public override Decided Run(WriteScope scope)
        {
            if (scope.YearClosed(year)) return Decided.Refused(ClosedYear.Refusal(year));
            var lines = scope.Lines(year);
            var lapses = Lapses(lines, year, scope.Actor, scope.Now);
            foreach (var (line, lapse) in lapses) scope.Append(line, lapse);
            var result = Result(year, dryRun: false, lapses);
            scope.Record(FiscalYear.KeyFor(year),
                new FiscalYearClosed(year, lapses.Count, Money.Of(result.Lapsed), scope.Actor.Subject, scope.Actor.ClientId, scope.Now));
            return Decided.Answer(200, result);
        }
    }
}
