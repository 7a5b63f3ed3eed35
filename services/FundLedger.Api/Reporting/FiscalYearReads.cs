using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>The district's fiscal years and whether each is closed.</summary>
[Tags("YearEnd")]
public static class FiscalYearReadEndpoints
{
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
