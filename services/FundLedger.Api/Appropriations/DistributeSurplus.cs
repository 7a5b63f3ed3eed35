using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Appropriations;

/// <summary>
/// 结余分配: part of a non-fiscal line's unspent money distributed (缴纳所得税, 提取职工福利基金, 转入事业基金).
/// 财政拨款 money is never distributed: what a fiscal line leaves is carried or goes back to the treasury.
/// </summary>
public static class DistributeSurplus
{
    public sealed record Command(string DistributionId, SurplusDistributionKind Kind, Money Amount, string Reason, DateOnly DistributedOn);

    public static Validated<Command> Validate(int year, DistributeSurplusRequest r)
    {
        var f = new Fields();
        var id = f.Code("distributionId", r.DistributionId);
        var kind = f.Choice("kind", r.Kind, Wire.Names<SurplusDistributionKind>());
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var on = f.Date("distributedOn", r.DistributedOn);
        if (on != default && on.Year != year) f.Add("distributedOn", $"must fall in the fiscal year {year}");
        return Validated<Command>.From(f, () => new Command(id, kind, amount, reason, on));
    }

    /// <summary>Only non-fiscal money, at most what the line has left, before the year is closed.</summary>
    public static (object? Event, Refusal? Refusal) Decide(Appropriation line, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(line) is { } closed) return (null, closed);
        if (CategoryNames.IsFiscal(line.OriginFundSource))
            return (null, Refusal.Conflict("fiscal-not-distributable", "财政拨款 money is not distributed",
                $"Appropriation {line.Code} is {Wire.Name(line.OriginFundSource)} money: what it leaves is carried forward or lapses " +
                "at year close. Nothing was recorded."));
        if (c.Amount > line.Available)
            return (null, Refusal.Conflict("distribution-beyond-balance", "The distribution is more than the line has left",
                $"Appropriation {line.Code} has {Money.Max(line.Available, Money.Zero)} available; {c.Amount} cannot be distributed. " +
                "Nothing was recorded."));
        return (new SurplusDistributed(c.DistributionId, c.Amount, c.Kind, c.Reason, c.DistributedOn, actor.Subject, actor.ClientId,
            now), null);
    }

    /// <summary>One distribution of one line, under its lock; claims the distribution id.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("distribute", district, year, code, command,
            new KeyClaim($"distribution:{Appropriation.KeyFor(year, code)}/{command.DistributionId}", "distribution-conflict",
                $"Distribution {command.DistributionId} of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, Decide, after => after.ToFigures());
}

[Tags("Appropriations")]
public static class DistributeSurplusEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/surplus-distributions",
        OperationId = "DistributeSurplus")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Distribute part of a non-fiscal line's unspent money (结余分配)")]
    [EndpointDescription("Records SurplusDistributed: 缴纳所得税, 提取职工福利基金, 转入事业基金 or other. " +
        "The amount leaves the line's balance without being spent; the 收入支出决算总表 prints it as 结余分配. " +
        "distributionId is the business key: a " +
        "retry replays the first answer, another body under it is 409 distribution-conflict. A 财政拨款 line is 409 " +
        "fiscal-not-distributable; more than the line has left is 409 distribution-beyond-balance; a closed year is 409.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Distribute(string district, int year, string code, DistributeSurplusRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = DistributeSurplus.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(DistributeSurplus.Write(district, year, code, command!,
            RequestFingerprint.Of("distribute", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
