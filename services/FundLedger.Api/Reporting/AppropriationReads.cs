using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>The appropriations of a year and one appropriation, now or as recorded at an instant (<c>asOf</c>).</summary>
[Tags("Appropriations")]
public static class AppropriationReadEndpoints
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations", OperationId = "ListAppropriations")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("List the year's appropriations with their execution figures: filtered (q, kind, department), " +
        "ordered (sort, order) and paged (offset, limit) on the server")]
    [EndpointDescription("Each line's original, supplements, reductions, adjusted, executed, quarters, carried, lapsed, available and " +
        "execution rate; total counts the lines matching the filter across every page. With asOf, the figures as recorded at that " +
        "instant.")]
    [ProducesResponseType<AppropriationList>(200)]
    public static async Task<IResult> List(string district, int year, string? asOf, string? q, string? kind, string? department,
        string? sort, string? order, string? offset, string? limit, HttpContext http, LedgerStore store, ILedgerLines ledger,
        CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        var (query, invalid) = AppropriationQuery.Parse(q, kind, department, sort, order, offset, limit);
        if (invalid is not null) return invalid.ToResult(http);
        await using var session = store.QuerySession(district);
        var (page, total) = query!.Apply(await LedgerSnapshot.AppropriationsAsync(session, ledger, year, instant, ct));
        return Results.Ok(new AppropriationList(year, page.Count, page.Select(a => a.ToFigures()).ToList(), total, query.Offset));
    }
    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations/{code}", OperationId = "GetAppropriation")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("One appropriation with its execution figures")]
    [EndpointDescription("The list's figures for one line, and its version (the number of events in its stream), now or at asOf.")]
    [ProducesResponseType<AppropriationFigures>(200)]
    public static async Task<IResult> Get(string district, int year, string code, string? asOf, HttpContext http, LedgerStore store,
        ILedgerLines ledger, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var appropriation = await LedgerSnapshot.AppropriationAsync(session, ledger, year, code, instant, ct);
        return appropriation is null ? Appropriation.NotFound(year, code).ToResult(http) : Results.Ok(appropriation.ToFigures());
    }
}
