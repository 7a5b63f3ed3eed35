using FundLedger.Departments;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>A unit's facts for a year, from its profile stream: now, or as they stood at an instant.</summary>
[Tags("Departments")]
public static class DepartmentProfileReadEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/departments/{code}/profile", OperationId = "GetDepartmentProfile")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("A unit's facts for the year: the current revision and every revision, who recorded each and when")]
    [EndpointDescription("With asOf, the revisions recorded by then. 404 when none was recorded (by then).")]
    [ProducesResponseType<DepartmentProfileHistory>(200)]
    public static async Task<IResult> Get(string district, int year, string code, string? asOf, HttpContext http, LedgerStore store,
        CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var revisions = await DepartmentProfileRevisions.RevisionsAsync(session, year, code, instant, ct);
        if (revisions.Count == 0)
            return Refusal.NotFound("profile", $"No facts of unit {code} were recorded for {year}.").ToResult(http);
        var figures = revisions.Select(DepartmentProfile.Figures).ToList();
        return Results.Ok(new DepartmentProfileHistory(year, code, figures[^1], figures));
    }
}

/// <summary>A unit's profile revisions, as the reads that print its facts take them.</summary>
public static class DepartmentProfileRevisions
{
    /// <summary>The unit's revisions for the year, oldest first, recorded by <paramref name="asOf"/> (all when null).</summary>
    public static async Task<IReadOnlyList<DepartmentProfileRecorded>> RevisionsAsync(StoreSession session, int year, string code,
        DateTimeOffset? asOf, CancellationToken ct)
    {
        var stream = DepartmentProfile.KeyFor(year, code);
        var events = await session.StreamEventsOfAsync(stream, asOf ?? DateTimeOffset.MaxValue, ct);
        return events.Select(e => e.Data).OfType<DepartmentProfileRecorded>().ToList();
    }
}
