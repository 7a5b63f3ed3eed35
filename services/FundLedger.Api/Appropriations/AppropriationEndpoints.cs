using FundLedger.Security;
using FundLedger.Ledger;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using FundLedger.YearEnd;
using Wolverine.Http;
using FundLedger.Http;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

[Tags("Appropriations")]
public static class AppropriationEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations", OperationId = "EnactAppropriation")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Enact an appropriation (预算指标下达)")]
    [EndpointDescription("Records AppropriationEnacted. The code is the business key in the district and year: the same code with the " +
        "same body (or the same Idempotency-Key and body) answers the first 201 again with Idempotent-Replayed: true; another body under " +
        "it is 409 appropriation-exists. Money events in a closed year are 409 year-closed.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Enact(string district, int year, EnactAppropriationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = EnactAppropriation.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(
            new EnactAppropriation.Write(district, command!, EnactAppropriation.Fingerprint(request, year), idempotencyKey), http,
            idempotencyKey);
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/adjustments", OperationId = "AdjustAppropriation")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Supplement (追加) or reduce (调减) an appropriation")]
    [EndpointDescription("Records AppropriationSupplemented or AppropriationReduced. adjustmentId is the business key: a retry replays " +
        "the first answer, another body under it is 409 adjustment-conflict. A reduction below what is already executed is 409 " +
        "reduction-below-executed.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Adjust(string district, int year, string code, AdjustAppropriationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = AdjustAppropriation.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new AdjustAppropriation.Write(district, year, code, command!,
            RequestFingerprint.Of("adjust", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }

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
