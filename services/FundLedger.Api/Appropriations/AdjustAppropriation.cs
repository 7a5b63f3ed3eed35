using FundLedger.Http;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>追加 and 调减: checks of the request and the decision against the appropriation's figures.</summary>
public static class AdjustAppropriation
{
    public sealed record Command(
        string AdjustmentId, bool IsSupplement, Money Amount, string Reason, string? Document, DateOnly EffectiveOn)
    {
        /// <summary>The reason is a placeholder; left out of the old fingerprint's form, like every field added since.</summary>
        [System.Text.Json.Serialization.JsonIgnore] public bool Placeholder { get; init; }
    }

    /// <summary>
    /// 追加 or 调减; the command keeps a flag, so the fingerprint of a request recorded before this enum is unchanged.
    /// </summary>
    public enum AdjustmentType { Supplement, Reduction }

    public static Validated<Command> Validate(int year, AdjustAppropriationRequest r)
    {
        var f = new Fields();
        var id = f.Code("adjustmentId", r.AdjustmentId);
        var isSupplement = f.Choice("type", r.Type, Wire.Names<AdjustmentType>()) == AdjustmentType.Supplement;
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var document = f.Text("document", r.Document);
        var effectiveOn = f.Date("effectiveOn", r.EffectiveOn);
        if (effectiveOn != default && effectiveOn.Year != year) f.Add("effectiveOn", $"must fall in the fiscal year {year}");
        return Validated<Command>.From(f, () =>
            new Command(id, isSupplement, amount, reason, document, effectiveOn) { Placeholder = r.PlaceholderReason == true });
    }

    /// <summary>A reduction may not take the budget below what has already been executed.</summary>
    public static (object? Event, Refusal? Refusal) Decide(Appropriation state, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(state) is { } closed) return (null, closed);
        if (c.IsSupplement)
            return (new AppropriationSupplemented(
                c.AdjustmentId, c.Amount, c.Reason, c.Document, c.EffectiveOn, actor.Subject, actor.ClientId, now,
                c.Placeholder ? true : null), null);

        var room = state.Available;
        if (c.Amount > room)
            return (null, Refusal.Conflict("reduction-below-executed", "The reduction would take the budget below what is already executed",
                $"Appropriation {state.Code} has adjusted {state.Adjusted}, executed {state.Executed} and carried {state.Carried}; " +
                $"at most {Money.Max(room, Money.Zero)} can be reduced, not {c.Amount}."));

        return (new AppropriationReduced(
            c.AdjustmentId, c.Amount, c.Reason, c.Document, c.EffectiveOn, actor.Subject, actor.ClientId, now,
            c.Placeholder ? true : null), null);
    }

    /// <summary>追加 or 调减 of one appropriation, held under its lock; claims the adjustment id.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("adjust", district, year, code, command,
            new KeyClaim($"adjustment:{Appropriation.KeyFor(year, code)}/{command.AdjustmentId}", "adjustment-conflict",
                $"Adjustment {command.AdjustmentId} of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, Decide, after => after.ToFigures());
}

[Tags("Appropriations")]
public static class AdjustAppropriationEndpoint
{
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
        return await writer.WriteAsync(AdjustAppropriation.Write(district, year, code, command!,
            RequestFingerprint.Of("adjust", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
