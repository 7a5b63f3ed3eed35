using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Appropriations;

/// <summary>
/// 调剂 within a line: budget moved between two 经济分类 款 of the line's class with its reason. The line's total does not move,
/// so it is no reason for the line's variance; it is the reason a 款's budget (the “三公” ones) differs from its final.
/// </summary>
public static class ShiftEconomicBudget
{
    public sealed record Command(string ShiftId, string FromClass, string ToClass, Money Amount, string Reason, DateOnly EffectiveOn);

    public static Validated<Command> Validate(int year, ShiftEconomicBudgetRequest r)
    {
        var f = new Fields();
        var id = f.Code("shiftId", r.ShiftId);
        var from = EconomicClassification.Validate(f, "fromClass", r.FromClass, year) ?? Missing(f, "fromClass");
        var to = EconomicClassification.Validate(f, "toClass", r.ToClass, year) ?? Missing(f, "toClass");
        if (from == to && from.Length > 0) f.Add("toClass", "must differ from fromClass");
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var on = f.Date("effectiveOn", r.EffectiveOn);
        if (on != default && on.Year != year) f.Add("effectiveOn", $"must fall in the fiscal year {year}");
        return Validated<Command>.From(f, () => new Command(id, from, to, amount, reason, on));
    }

    private static string Missing(Fields f, string field)
    {
        f.Add(field, "is required");
        return "";
    }

    /// <summary>Both 款 of the line's class; no more than the 款 it comes from has; before the year is closed.</summary>
    public static (object? Event, Refusal? Refusal) Decide(Appropriation line, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(line) is { } closed) return (null, closed);
        foreach (var (field, code) in new[] { ("fromClass", c.FromClass), ("toClass", c.ToClass) })
            if (line.EconomicClass is not { Length: 3 } || code.Length != 5 || !EconomicClassification.Refines(line.EconomicClass, code))
                return (null, Refusal.Invalid(field, $"must be a 款 of {line.EconomicClass ?? "the line's class"}: appropriation " +
                    $"{line.Code} is budgeted on {line.EconomicClass ?? "no class"}"));
        if (c.Amount > line.EconomicBudget(c.FromClass))
            return (null, Refusal.Conflict("shift-beyond-class-budget", "The 调剂 is more than the 款 has",
                $"Appropriation {line.Code} has {line.EconomicBudget(c.FromClass)} on {c.FromClass}; {c.Amount} cannot be moved. " +
                "Nothing was recorded."));
        return (new EconomicBudgetShifted(c.ShiftId, c.FromClass, c.ToClass, c.Amount, c.Reason, c.EffectiveOn, actor.Subject,
            actor.ClientId, now), null);
    }

    /// <summary>One 调剂 of one line, under its lock; claims the shift id.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("shift", district, year, code, command,
            new KeyClaim($"shift:{Appropriation.KeyFor(year, code)}/{command.ShiftId}", "shift-conflict",
                $"调剂 {command.ShiftId} of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, Decide, after => after.ToFigures());
}

[Tags("Appropriations")]
public static class ShiftEconomicBudgetEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/economic-budget-shifts",
        OperationId = "ShiftEconomicBudget")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Move budget between two 经济分类 款 of a line (调剂), with its reason")]
    [EndpointDescription("Records EconomicBudgetShifted. The line's total is unchanged; the 款's budgets move, and the reason is " +
        "the one the 三公 read and the 决算说明 give for a 三公 款's final against its 年初预算. " +
        "shiftId is the business key: a " +
        "retry replays the first answer, another body under it is 409 shift-conflict. More than the 款 has is 409 " +
        "shift-beyond-class-budget; a 款 outside the line's class is a 400 naming fromClass or toClass.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Shift(string district, int year, string code, ShiftEconomicBudgetRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = ShiftEconomicBudget.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(ShiftEconomicBudget.Write(district, year, code, command!,
            RequestFingerprint.Of("shift", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
