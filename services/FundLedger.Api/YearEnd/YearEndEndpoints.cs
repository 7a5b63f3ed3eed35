using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.Security;
using FundLedger.Ledger;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace FundLedger.YearEnd;

[Tags("YearEnd")]
public static class YearEndEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/carry-forwards", OperationId = "CarryForward")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Carry unspent money (结转) into a new carried-over appropriation of the next year")]
    [ProducesResponseType<CarryForwardReceipt>(201)]
    public static async Task<IResult> Carry(string district, int year, CarryForwardRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = CarryForward.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);

        var claim = new Claim($"carry:{year}/{command!.AppropriationCode}/{command.TargetCode}", "carry-forward-conflict",
            $"The carry-forward of {command.AppropriationCode} into {command.TargetCode} was already recorded with a different body");
        var held = new AppropriationLock(year, command.AppropriationCode);
        var targetYearClosed = false;
        var targetExists = false;
        return await writer.WriteAsync("carry-forward", district, Claim.WithHeader(claim, idempotencyKey), RequestHash.Of($"carry {year}", command),
            prepare: async (session, token) =>
            {
                if (await held.TakeAsync(session, token) is { } missing) return missing;
                await YearLock.ShareAsync(session, year + 1, token);
                targetYearClosed = await YearLock.IsClosedAsync(session, year + 1, token);
                targetExists = await session.LoadAsync<Appropriation>(Appropriation.KeyFor(year + 1, command.TargetCode), token) is not null;
                return null;
            },
            decide: (session, now) =>
            {
                var (source, target, refusal) = CarryForward.Decide(held.State, command, targetYearClosed, targetExists, Actor.From(http.User), now);
                if (refusal is not null) return Outcome.Refused(refusal);
                var after = held.Append(source!);
                session.Events.StartStream<Appropriation>(Appropriation.KeyFor(year + 1, command.TargetCode), target!);
                return Outcome.Answer(201, new CarryForwardReceipt(year, command.AppropriationCode, command.Amount.Yuan,
                        WireNames.Name(CarryForward.Kinds, command.Kind), year + 1, command.TargetCode, after.Carried.Yuan, after.Available.Yuan, now),
                    AppropriationView.Location(district, year + 1, command.TargetCode));
            }, ct);
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/close", OperationId = "CloseYear")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Close the year (年终结账): lapse every unspent, uncarried balance and lock the year; dryRun=true previews")]
    [ProducesResponseType<YearCloseResult>(200)]
    public static async Task<IResult> Close(string district, int year, string? dryRun, HttpContext http, LedgerWriter writer,
        IDocumentStore store, CancellationToken ct)
    {
        if (PathChecks.Check(district, year) is { } bad) return bad.ToResult(http);
        // Parsed strictly: a mistyped flag on an irreversible operation must not close the year.
        if (dryRun is not (null or "true" or "false")) return Refusal.Invalid("dryRun", "must be true or false").ToResult(http);
        var actor = Actor.From(http.User);
        if (dryRun == "true")
        {
            await using var query = store.QuerySession(district);
            var lines = await query.Query<Appropriation>().Where(a => a.Year == year).ToListAsync(ct);
            return Results.Ok(YearClose.Result(year, dryRun: true, YearClose.Lapses(lines, year, actor, DateTimeOffset.UtcNow)));
        }

        var held = new List<AppropriationLock>();
        // Closing twice is answered with the first close: the claim replays it.
        var claim = new Claim($"close:{year}", "year-closed", $"The fiscal year {year} is already closed");
        return await writer.WriteAsync("close-year", district, [claim], RequestHash.Of("close", year),
            prepare: async (session, token) =>
            {
                await YearLock.ExclusiveAsync(session, year, token);
                var codes = await LockAllStreamsAsync(session, year, token);
                // Appended through each line's stream so the projection keeps its version, like every other write.
                foreach (var code in codes)
                {
                    var line = new AppropriationLock(year, code);
                    if (await line.TakeAsync(session, token) is null) held.Add(line);
                }
                return null;
            },
            decide: (session, now) =>
            {
                var byCode = held.ToDictionary(h => h.State.Code);
                var lapses = YearClose.Lapses(held.Select(h => h.State), year, actor, now);
                foreach (var (line, lapse) in lapses) byCode[line.Code].Append(lapse);
                var result = YearClose.Result(year, dryRun: false, lapses);
                session.Events.Append(FiscalYear.KeyFor(year),
                    new FiscalYearClosed(year, lapses.Count, Money.Of(result.Lapsed), actor.Subject, actor.ClientId, now));
                return Outcome.Answer(200, result);
            }, ct);
    }

    /// <summary>One statement takes every appropriation row lock of the year, in key order like every other writer; answers their codes.</summary>
    private static async Task<IReadOnlyList<string>> LockAllStreamsAsync(IDocumentSession session, int year, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select id from {MartenSetup.Schema}.mt_streams where tenant_id = @tenant and id like @prefix order by id for update", session.Connection);
        command.Parameters.AddWithValue("tenant", session.TenantId);
        command.Parameters.AddWithValue("prefix", $"{year}/%");
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) codes.Add(reader.GetString(0)[$"{year}/".Length..]);
        return codes;
    }
}
