using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Appropriations;

/// <summary>
/// 调整年初结转和结余: the opening balance of a carried-over line restated (the 财政拨款收入支出决算表 has a column
/// for it).
/// Only carried money can be restated; an own line's budget changes by 追加 and 调减 instead.
/// </summary>
public static class AdjustOpeningBalance
{
    public enum AdjustmentType { Decrease, Increase }

    public sealed record Command(string AdjustmentId, Money Change, string Reason, string? Document, DateOnly EffectiveOn);

    public static Validated<Command> Validate(int year, AdjustOpeningBalanceRequest r)
    {
        var f = new Fields();
        var id = f.Code("adjustmentId", r.AdjustmentId);
        var type = f.Choice("type", r.Type, Wire.Names<AdjustmentType>());
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var document = f.Text("document", r.Document);
        var on = f.Date("effectiveOn", r.EffectiveOn);
        if (on != default && on.Year != year) f.Add("effectiveOn", $"must fall in the fiscal year {year}");
        return Validated<Command>.From(f, () =>
            new Command(id, type == AdjustmentType.Decrease ? -amount : amount, reason, document, on));
    }

    /// <summary>A carried-over line of an open year; a decrease at most what the line has left.</summary>
    public static (object? Event, Refusal? Refusal) Decide(Appropriation line, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(line) is { } closed) return (null, closed);
        if (line.CarriedFrom is null)
            return (null, Refusal.Conflict("not-carried-over", "Only a carried-over line has an opening balance to adjust",
                $"Appropriation {line.Code} was enacted in {line.Year}, not carried over: change its budget with an adjustment " +
                "(追加 or 调减). Nothing was recorded."));
        if (-c.Change > line.Available)
            return (null, Refusal.Conflict("opening-adjustment-beyond-balance", "The decrease is more than the line has left",
                $"Appropriation {line.Code} has {Money.Max(line.Available, Money.Zero)} available; {-c.Change} cannot " +
                "be taken from its opening balance. Nothing was recorded."));
        return (new OpeningBalanceAdjusted(c.AdjustmentId, c.Change, c.Reason, c.Document, c.EffectiveOn, actor.Subject,
            actor.ClientId, now), null);
    }

    /// <summary>One adjustment of one carried-over line, under its lock; claims the adjustment id.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("adjust-opening", district, year, code, command,
            new KeyClaim($"opening-adjustment:{Appropriation.KeyFor(year, code)}/{command.AdjustmentId}", "opening-adjustment-conflict",
                $"Opening adjustment {command.AdjustmentId} of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, Decide, after => after.ToFigures());
}

[Tags("YearEnd")]
public static class AdjustOpeningBalanceEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/opening-adjustments",
        OperationId = "AdjustOpeningBalance")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Restate a carried-over line's opening balance (调整年初结转和结余)")]
    [EndpointDescription("Records OpeningBalanceAdjusted on a carried-over (上年结转) line: a decrease (e.g. 财政收回 of last " +
        "year's balance) or an increase of the money it opened with. The line's original (年初) is restated, its carry-forward " +
        "link keeps the amount carried, and the accounts print the year's adjustments beside the opening balance. adjustmentId " +
        "is the business key: a retry replays the first answer, another body under it is 409 opening-adjustment-conflict. A " +
        "line not carried over is 409 not-carried-over; a decrease beyond what the line has left is 409 " +
        "opening-adjustment-beyond-balance; a closed year is 409.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Adjust(string district, int year, string code, AdjustOpeningBalanceRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = AdjustOpeningBalance.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(AdjustOpeningBalance.Write(district, year, code, command!,
            RequestFingerprint.Of("adjust-opening", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
