using FundLedger.Http;
using FundLedger.Security;
using FundLedger.Appropriations;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>绩效目标: checks of the request, and the decision against the project's state.</summary>
public static class SetPerformanceGoals
{
    /// <summary>The route of a project's performance: its goals and evaluations are written under it, and read at it.</summary>
    public const string ProjectPath = "/api/v1/districts/{district}/years/{year}/appropriations/{code}/performance";

    /// <summary>The path of a project's performance write: district, year, Idempotency-Key and the appropriation's code.</summary>
    public static Refusal? CheckPath(string district, int year, string code, string? idempotencyKey)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad;
        var f = new Fields();
        f.Code("appropriationCode", code);
        return f.Ok ? null : f.Refusal();
    }

    public const int MostIndicators = 60;

    public sealed record Command(
        int Revision, string OverallGoal, decimal ExecutionWeight, IReadOnlyList<PerformanceIndicator> Indicators,
        string? ImplementingUnit, string? Manager, string? Phone, DateOnly SetOn, string Reason);

    public static Validated<Command> Validate(int year, SetPerformanceGoalsRequest r)
    {
        var f = new Fields();
        var revision = Points.Revision(f, "revision", r.Revision);
        var goal = f.Required("overallGoal", r.OverallGoal, 2000, lines: true);
        var executionWeight = r.ExecutionWeight is null
            ? Scoring.DefaultExecutionWeight
            : Points.Weight(f, "executionWeight", r.ExecutionWeight);
        var setOn = f.Date("setOn", r.SetOn);
        if (setOn != default && (setOn.Year < year - 1 || setOn.Year > year + 1))
            f.Add("setOn", $"must fall in {year - 1}, {year} or {year + 1}");
        var reason = f.Required("reason", r.Reason, 500);
        var unit = f.Text("implementingUnit", r.ImplementingUnit);
        var manager = f.Text("manager", r.Manager, 100);
        var phone = f.Text("phone", r.Phone, 40);
        var indicators = Indicators(f, r.Indicators);
        if (f.Ok) CheckWeights(f, executionWeight, indicators);
        return Validated<Command>.From(f, () =>
            new Command(revision, goal, executionWeight, indicators, unit, manager, phone, setOn, reason));
    }

    private static List<PerformanceIndicator> Indicators(Fields f, IReadOnlyList<PerformanceIndicatorInput?>? inputs)
    {
        var indicators = new List<PerformanceIndicator>();
        if (inputs is null || inputs.Count == 0) { f.Add("indicators", "is required: at least one indicator"); return indicators; }
        if (inputs.Count > MostIndicators) { f.Add("indicators", $"must have at most {MostIndicators} indicators"); return indicators; }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < inputs.Count; n++)
        {
            var at = $"indicators[{n}].";
            if (inputs[n] is not { } i) { f.Add($"indicators[{n}]", "must be an object"); continue; }
            var code = f.Code(at + "code", i.Code);
            if (code.Length > 0 && !codes.Add(code)) f.Add(at + "code", $"{code} is used by another indicator");
            var category = f.Choice(at + "category", i.Category, Wire.Names<IndicatorCategory>());
            var name = f.Required(at + "name", i.Name, 500, lines: true);
            var target = f.Required(at + "target", i.Target, 500, lines: true);
            var direction = f.Choice(at + "direction", i.Direction, Wire.Names<IndicatorDirection>());
            if (direction != IndicatorDirection.Qualitative && i.Direction is not null
                && Wire.Names<IndicatorDirection>().ContainsKey(i.Direction))
            {
                if (i.TargetValue is null) f.Add(at + "targetValue", $"is required for a {i.Direction} indicator (A of the scoring rule)");
                else Points.Measure(f, at + "targetValue", i.TargetValue, target: true);
            }
            var unit = f.Text(at + "unit", i.Unit, 20);
            var weight = Points.Weight(f, at + "weight", i.Weight);
            indicators.Add(new PerformanceIndicator(code, category, name, target, direction, i.TargetValue, unit, weight));
        }
        return indicators;
    }

    /// <summary>The indicators' weights and the execution score's make 100 (full marks).</summary>
    private static void CheckWeights(Fields f, decimal executionWeight, IReadOnlyList<PerformanceIndicator> indicators)
    {
        var sum = indicators.Sum(i => i.Weight);
        if (sum + executionWeight == Scoring.FullMarks) return;
        f.Add("indicators", $"weights add up to {sum:0.##} ({string.Join(", ", indicators.Select(i => $"{i.Code} {i.Weight:0.##}"))}); " +
            $"with the execution score's {executionWeight:0.##} they must add up to {Scoring.FullMarks - executionWeight:0.##}");
    }

    /// <summary>Goals belong to a project appropriation, come in revision order, and are fixed once the project is evaluated.</summary>
    public static (PerformanceGoalsSet? Event, Refusal? Refusal) Decide(Appropriation state, Command c, Actor actor, DateTimeOffset now)
    {
        if (Points.NotAProject(state) is { } notProject) return (null, notProject);
        if (state.Evaluation is { } evaluated)
            return (null, Refusal.Conflict("goals-evaluated", "The project was already evaluated against its goals",
                $"Appropriation {state.Code} was evaluated (revision {evaluated.Revision}) " +
                $"against goals revision {evaluated.GoalsRevision}; " +
                "goals cannot change after their evaluation. Nothing was recorded."));
        var expected = (state.Goals?.Revision ?? 0) + 1;
        if (c.Revision != expected) return (null, Points.RevisionConflict("goals", state.Code, c.Revision, expected));
        return (new PerformanceGoalsSet(c.Revision, c.OverallGoal, c.ExecutionWeight, c.Indicators, c.ImplementingUnit, c.Manager, c.Phone,
            c.SetOn, c.Reason, actor.Subject, actor.ClientId, now), null);
    }

    /// <summary>Goals of one project appropriation, held under its lock; claims the revision.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("performance-goals", district, year, code, command,
            new KeyClaim($"performance-goals:{Appropriation.KeyFor(year, code)}/{command.Revision}", "performance-goals-conflict",
                $"Revision {command.Revision} of the goals of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, (line, c, actor, now) => Decide(line, c, actor, now), after => PerformanceSheets.Of(after));
}

[Tags("Performance")]
public static class SetPerformanceGoalsEndpoint
{
    [WolverinePost(SetPerformanceGoals.ProjectPath + "/goals", OperationId = "SetPerformanceGoals")]
    [RequiresScope(Scopes.PerformanceWrite)]
    [EndpointSummary("Set or revise a project's performance goals (绩效目标) and indicators")]
    [EndpointDescription("Records PerformanceGoalsSet on the project's stream. revision is the business key: the same body replays, " +
        "another is 409 performance-goals-conflict, a skipped number 409 revision-conflict. The weights plus the execution weight must " +
        "make 100; goals are fixed once the project is evaluated.")]
    [ProducesResponseType<PerformanceSheet>(201)]
    public static async Task<IResult> SetGoals(string district, int year, string code, SetPerformanceGoalsRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (SetPerformanceGoals.CheckPath(district, year, code, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = SetPerformanceGoals.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(SetPerformanceGoals.Write(district, year, code, command!,
            RequestFingerprint.Of("performance-goals", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
