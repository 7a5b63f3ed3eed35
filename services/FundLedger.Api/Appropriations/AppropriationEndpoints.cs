using FundLedger.Hosting;
using FundLedger.Security;
using FundLedger.Ledger;
using Marten;
using Microsoft.AspNetCore.Mvc;
using FundLedger.Reporting;
using FundLedger.YearEnd;
using Wolverine.Http;

namespace FundLedger.Appropriations;

[Tags("Appropriations")]
public static class AppropriationEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations", OperationId = "EnactAppropriation")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Enact an appropriation (预算指标下达)")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Enact(string district, int year, EnactAppropriationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = EnactAppropriation.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);

        var key = Appropriation.KeyFor(year, command!.Code);
        var claim = new Claim($"appropriation:{key}", "appropriation-exists", $"Appropriation {command.Code} of {year} already exists with different details");
        var yearClosed = false;
        var exists = false;
        return await writer.WriteAsync("enact", district, Claim.WithHeader(claim, idempotencyKey), RequestHash.Of("enact", command),
            prepare: async (session, token) =>
            {
                await YearLock.ShareAsync(session, year, token);
                yearClosed = await YearLock.IsClosedAsync(session, year, token);
                exists = await session.LoadAsync<Appropriation>(key, token) is not null;
                return null;
            },
            decide: (session, now) =>
            {
                if (yearClosed) return Outcome.Refused(ClosedYear.Refusal(year));
                // Taken by a carry-forward, which claims its own key: the code is used, whatever the body.
                if (exists) return Outcome.Refused(Refusal.Conflict(claim.ConflictType, claim.ConflictTitle, $"{claim.ConflictTitle}. Nothing was recorded."));
                var enacted = command.ToEvent(Actor.From(http.User), now);
                session.Events.StartStream<Appropriation>(key, enacted);
                var figures = Appropriation.Enacted(enacted) with { Version = 1 };
                return Outcome.Answer(201, figures.ToFigures(), AppropriationView.Location(district, year, command.Code));
            }, ct);
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/adjustments", OperationId = "AdjustAppropriation")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Supplement (追加) or reduce (调减) an appropriation")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Adjust(string district, int year, string code, AdjustAppropriationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = AdjustAppropriation.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);

        var key = Appropriation.KeyFor(year, code);
        var claim = new Claim($"adjustment:{key}/{command!.AdjustmentId}", "adjustment-conflict",
            $"Adjustment {command.AdjustmentId} of appropriation {code} was already recorded with a different body");
        var held = new AppropriationLock(year, code);
        return await writer.WriteAsync("adjust", district, Claim.WithHeader(claim, idempotencyKey), RequestHash.Of($"adjust {key}", command),
            prepare: held.TakeAsync,
            decide: (_, now) =>
            {
                var (e, refusal) = AdjustAppropriation.Decide(held.State, command, Actor.From(http.User), now);
                return refusal is not null ? Outcome.Refused(refusal) : Outcome.Answer(201, held.Append(e!).ToFigures());
            }, ct);
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations", OperationId = "ListAppropriations")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("List the year's appropriations with their execution figures")]
    [ProducesResponseType<AppropriationList>(200)]
    public static async Task<IResult> List(string district, int year, string? asOf, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var items = (await LedgerSnapshot.AppropriationsAsync(session, year, instant, ct)).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        return Results.Ok(new AppropriationList(year, items.Count, items.Select(a => a.ToFigures()).ToList()));
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations/{code}", OperationId = "GetAppropriation")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("One appropriation with its execution figures")]
    [ProducesResponseType<AppropriationFigures>(200)]
    public static async Task<IResult> Get(string district, int year, string code, string? asOf, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var key = Appropriation.KeyFor(year, code);
        var appropriation = instant is null
            ? await session.LoadAsync<Appropriation>(key, ct)
            : (await LedgerSnapshot.AppropriationsAsync(session, year, instant, ct)).SingleOrDefault(a => a.Id == key);
        return appropriation is null ? AppropriationLock.NotFound(year, code).ToResult(http) : Results.Ok(appropriation.ToFigures());
    }
}
