using FundLedger.Appropriations;
using FundLedger.Security;
using FundLedger.Ledger;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.YearEnd;

[Tags("YearEnd")]
public static class YearEndEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/carry-forwards", OperationId = "CarryForward")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Carry unspent money (结转) into a new carried-over appropriation of the next year")]
    [EndpointDescription("Records the carry-forward (结转) on the source line and enacts the carried-over appropriation in the next " +
        "year, linked both ways. More than the unspent balance is 409 carry-forward-exceeds-unspent, an existing target 409 " +
        "appropriation-exists; a retry replays, another body is 409 carry-forward-conflict.")]
    [ProducesResponseType<CarryForwardReceipt>(201)]
    public static async Task<IResult> Carry(string district, int year, CarryForwardRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = CarryForward.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(
            new CarryForward.Write(district, year, command!, CarryForward.Fingerprint(request, year), idempotencyKey), http,
            idempotencyKey);
    }

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

    [WolverineGet("/api/v1/districts/{district}/years", OperationId = "ListFiscalYears")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The district's fiscal years (those with appropriations) and whether each is closed, now or at asOf")]
    [EndpointDescription("Every year the district has appropriations in (at asOf: had by then), with whether it is closed, " +
        "how many appropriations it has and what was executed in it.")]
    [ProducesResponseType<FiscalYearList>(200)]
    public static async Task<IResult> Years(string district, string? asOf, HttpContext http, LedgerStore store, ILedgerLines ledger,
        CancellationToken ct)
    {
        var badInstant = LedgerSnapshot.ParseAsOf(asOf, out var instant);
        if ((PathChecks.CheckDistrict(district) ?? badInstant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var years = await session.DistinctAsync<Appropriation, int>("year", ct);
        // A year closed after the instant was open then.
        var closed = (await session.AllAsync<FiscalYear>(ct))
            .Where(y => y.Closed && (instant is null || y.ClosedAt <= instant)).ToDictionary(y => y.Year);
        var summaries = new List<FiscalYearSummary>();
        foreach (var year in years.Order())
        {
            // As of an instant, a year is listed only if it had an appropriation by then.
            var lines = await LedgerSnapshot.AppropriationsAsync(session, ledger, year, instant, ct);
            if (lines.Count == 0) continue;
            summaries.Add(new FiscalYearSummary(year, closed.ContainsKey(year), closed.GetValueOrDefault(year)?.ClosedAt, lines.Count,
                lines.Sum(a => a.Executed).Yuan));
        }
        return Results.Ok(new FiscalYearList(district, summaries));
    }
}
