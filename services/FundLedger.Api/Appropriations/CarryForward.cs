using FundLedger.Http;
using FundLedger.Security;
using FundLedger.Appropriations;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using System.Text.Json.Serialization;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>结转: checks of the request and the decision that moves unspent money into the next year.</summary>
public static class CarryForward
{
    /// <summary>
    /// A carry-forward as asked. <c>CarriedOn</c> is the business date when the client sent one other than the default (the
    /// source year's 31 December); null otherwise, and then left out of the fingerprint, so a retry of a carry-forward sent
    /// before the date existed is the same request.
    /// </summary>
    public sealed record Command(string AppropriationCode, Money Amount, CarryForwardKind Kind, string Reason, string TargetCode,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? CarriedOn = null)
    {
        /// <summary>The carry's business date: the date sent, or the last day of the year carried from.</summary>
        public DateOnly DateIn(int year) => CarriedOn ?? YearEnd(year);
    }

    public static DateOnly YearEnd(int year) => new(year, 12, 31);

    /// <summary>The request's fingerprint: the year-end date and the default target sent are the same as left out.</summary>
    public static string Fingerprint(CarryForwardRequest request, int year) =>
        RequestFingerprint.Of("carry-forward", request, [("year", year)],
            [("carriedOn", $"{YearEnd(year):yyyy-MM-dd}"), ("targetCode", DefaultTargetCode(year, request.AppropriationCode ?? ""))]);

    /// <summary>The next year's code when the client names none: the source code marked as 结转 (JZ) from its year.</summary>
    public static string DefaultTargetCode(int year, string code) => $"{code}-JZ{year}";

    public static Validated<Command> Validate(int year, CarryForwardRequest r)
    {
        var f = new Fields();
        var code = f.Code("appropriationCode", r.AppropriationCode);
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var kind = f.Choice("kind", r.Kind, Wire.Names<CarryForwardKind>());
        var reason = f.Required("reason", r.Reason, 500);
        var target = r.TargetCode is null ? DefaultTargetCode(year, code) : f.Code("targetCode", r.TargetCode);
        DateOnly? carriedOn = r.CarriedOn is null ? null : f.Date("carriedOn", r.CarriedOn);
        // Carried at the year end, or during the 决算 of the next year before the year is closed.
        if (carriedOn is { } d && d != default && (d.Year < year || d.Year > year + 1))
            f.Add("carriedOn", $"must fall in {year} or {year + 1}");
        if (carriedOn == YearEnd(year)) carriedOn = null;
        return Validated<Command>.From(f, () => new Command(code, amount, kind, reason, target, carriedOn));
    }

    /// <summary>Only what is unspent (adjusted − executed − already carried) can be carried, from and into an open year.</summary>
    public static (BalanceCarriedForward? Source, AppropriationCarriedOver? Target, Refusal? Refusal) Decide(
        Appropriation source, Command c, bool targetYearClosed, bool targetExists, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(source) is { } closed) return (null, null, closed);
        if (targetYearClosed) return (null, null, ClosedYear.Refusal(source.Year + 1));
        if (targetExists)
            return (null, null, Refusal.Conflict("appropriation-exists",
                $"Appropriation {c.TargetCode} of {source.Year + 1} already exists",
                $"Name another targetCode for the carried-over appropriation. Nothing was recorded."));
        if (c.Amount > source.Available)
            return (null, null, Refusal.Conflict("carry-forward-exceeds-unspent", "The carry-forward is larger than the unspent balance",
                $"Appropriation {source.Code} has {Money.Max(source.Available, Money.Zero)} unspent " +
                $"(adjusted {source.Adjusted}, executed {source.Executed}, carried {source.Carried}); " +
                $"{c.Amount} cannot be carried. Nothing was recorded."));

        var targetYear = source.Year + 1;
        var carriedOn = c.DateIn(source.Year);
        return (new BalanceCarriedForward(c.Amount, c.Kind, c.Reason, targetYear, c.TargetCode, actor.Subject, actor.ClientId, now,
                carriedOn),
            new AppropriationCarriedOver(c.TargetCode, targetYear, source.Name, source.DepartmentCode, source.DepartmentName,
                source.ProjectCode, source.Kind, source.FunctionClass, source.EconomicClass, c.Amount, c.Kind, source.Year, source.Code,
                source.OriginFundSource, c.Reason, actor.Subject, actor.ClientId, now, carriedOn),
            null);
    }

    /// <summary>
    /// 结转 of one appropriation into a new line of the next year: holds the source's lock and the next year's lock
    /// shared (so that year cannot close meanwhile), and creates the target's stream.
    /// </summary>
    public sealed class Write(string district, int year, Command command, string fingerprint, string? idempotencyKey)
        : LedgerWrite("carry-forward", district)
    {
        public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.With(
            new KeyClaim($"carry:{year}/{command.AppropriationCode}/{command.TargetCode}", "carry-forward-conflict",
                $"The carry-forward of {command.AppropriationCode} into {command.TargetCode} was already recorded with a different body"),
            idempotencyKey);

        public override string RequestHash => fingerprint;
        public override string? EarlierRequestHash => CommandHash.Of($"carry {year}", command);

        public override void Declare(WriteNeeds needs)
        {
            needs.LockLine(District, year, command.AppropriationCode);
            needs.ShareYear(District, year + 1);
            needs.ReadLine(District, year + 1, command.TargetCode);
        }

        public override Decided Run(WriteScope scope)
        {
            if (scope.Line(year, command.AppropriationCode) is not { } line)
                return Decided.Refused(Appropriation.NotFound(year, command.AppropriationCode));
            var (source, target, refusal) = Decide(line, command, scope.YearClosed(year + 1),
                scope.Line(year + 1, command.TargetCode) is not null, scope.Actor, scope.Now);
            if (refusal is not null) return Decided.Refused(refusal);
            var after = scope.Append(line, source!);
            scope.Start(target!);
            return Decided.Answer(201, new CarryForwardReceipt(year, command.AppropriationCode, command.Amount.Yuan,
                    Wire.Name(command.Kind), year + 1, command.TargetCode, after.Carried.Yuan, after.Available.Yuan, scope.Now),
                AppropriationView.Location(District, year + 1, command.TargetCode));
        }
    }
}

[Tags("YearEnd")]
public static class CarryForwardEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/carry-forwards", OperationId = "CarryForward")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Carry unspent money (结转) into a new carried-over appropriation of the next year")]
    [EndpointDescription("Records the carry-forward (结转) on the source line and enacts the carried-over appropriation in the next " +
        "year, linked both ways. More than the unspent balance is 409 carry-forward-exceeds-unspent, an existing target 409 " +
        "appropriation-exists; a retry replays, another body is 409 carry-forward-conflict.")]
    [ProducesResponseType<CarryForwardReceipt>(201)]
    public static async Task<IResult> Carry(string district, int year, CarryForwardRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = CarryForward.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(
            new CarryForward.Write(district, year, command!, CarryForward.Fingerprint(request, year), idempotencyKey), http,
            idempotencyKey);
    }
}
