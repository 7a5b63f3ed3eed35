using FundLedger.Http;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

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

[Tags("YearEnd")]
public static class YearCloseEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/close", OperationId = "CloseYear")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Close the year (年终结账): lapse every unspent, uncarried balance and lock the year; dryRun=true previews")]
    [EndpointDescription("Lapses every unspent, uncarried balance (结余) and records the close; money events in the year are then 409 " +
        "year-closed. dryRun=true answers what would lapse and records nothing. Closing again answers the first close.")]
    [ProducesResponseType<YearCloseResult>(200)]
    public static async Task<IResult> Close(string district, int year, string? dryRun, HttpContext http, LedgerWriter writer,
        LedgerStore store, CancellationToken ct)
    {
        if (PathChecks.Check(district, year) is { } bad) return bad.ToResult(http);
        // Parsed strictly: a mistyped flag on an irreversible operation must not close the year.
        if (dryRun is not (null or "true" or "false")) return Refusal.Invalid("dryRun", "must be true or false").ToResult(http);
        var actor = Actor.From(http.User);
        if (dryRun == "true")
        {
            await using var query = store.QuerySession(district);
            var lines = await query.WhereAsync<Appropriation>("year", year, ct);
            return Results.Ok(YearClose.Result(year, dryRun: true, YearClose.Lapses(lines, year, actor, DateTimeOffset.UtcNow)));
        }

        return await writer.WriteAsync(new YearClose.Write(district, year), http, null);
    }
}
