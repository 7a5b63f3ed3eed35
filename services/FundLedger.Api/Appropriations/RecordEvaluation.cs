using FundLedger.Http;
using FundLedger.Security;
using FundLedger.Appropriations;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>绩效自评 / 部门评价: checks of the request, and the decision against the project's goals.</summary>
public static class RecordEvaluation
{
    public sealed record Command(
        int Revision, EvaluationType Type, string Evaluator, DateOnly EvaluatedOn, string Completion, decimal ExecutionScore,
        IReadOnlyList<IndicatorResult> Results, decimal? Total, string? Reason);

    public static Validated<Command> Validate(RecordEvaluationRequest r)
    {
        var f = new Fields();
        var revision = Points.Revision(f, "revision", r.Revision);
        var type = f.Choice("type", r.Type, Wire.Names<EvaluationType>());
        var evaluator = f.Required("evaluator", r.Evaluator, 200);
        var evaluatedOn = f.Date("evaluatedOn", r.EvaluatedOn);
        var completion = f.Required("completion", r.Completion, 4000, lines: true);
        var executionScore = Points.Score(f, "executionScore", r.ExecutionScore);
        decimal? total = r.Total is null ? null : Points.Score(f, "total", r.Total);
        var reason = f.Text("reason", r.Reason, 500, lines: true);
        if (revision > 1 && string.IsNullOrWhiteSpace(reason)) f.Add("reason", "is required to evaluate a project again");
        var results = Results(f, r.Results);
        return Validated<Command>.From(f, () =>
            new Command(revision, type, evaluator, evaluatedOn, completion, executionScore, results, total, reason));
    }

    private static List<IndicatorResult> Results(Fields f, IReadOnlyList<IndicatorResultInput?>? inputs)
    {
        var results = new List<IndicatorResult>();
        if (inputs is null || inputs.Count == 0) { f.Add("results", "is required: one result per indicator"); return results; }
        if (inputs.Count > SetPerformanceGoals.MostIndicators)
        {
            f.Add("results", $"must have at most {SetPerformanceGoals.MostIndicators} results");
            return results;
        }
        for (var n = 0; n < inputs.Count; n++)
        {
            var at = $"results[{n}].";
            if (inputs[n] is not { } r) { f.Add($"results[{n}]", "must be an object"); continue; }
            var indicator = f.Code(at + "indicator", r.Indicator);
            var actual = f.Required(at + "actual", r.Actual, 500, lines: true);
            Points.Measure(f, at + "actualValue", r.ActualValue, target: false);
            var score = Points.Score(f, at + "score", r.Score);
            var deviation = f.Text(at + "deviation", r.Deviation, 1000, lines: true);
            results.Add(new IndicatorResult(indicator, actual, r.ActualValue is { } b ? Points.Normalize(b) : null, score, deviation));
        }
        return results;
    }

    /// <summary>
    /// An evaluation scores every indicator of the current goals, each at most its weight, after the year is over (or once it is
    /// closed); re-evaluations come in revision order. Refusals that name a field of the body are 400, those of state 409.
    /// </summary>
    public static (PerformanceEvaluated? Event, Refusal? Refusal) Decide(Appropriation state, Command c, Actor actor, DateTimeOffset now)
    {
        if (Points.NotAProject(state) is { } notProject) return (null, notProject);
        if (state.Goals is not { } goals)
            return (null, Refusal.Conflict("no-performance-goals", "The project has no performance goals to be evaluated against",
                $"Set the goals of appropriation {state.Code} first (POST …/performance/goals). Nothing was recorded."));
        var expected = (state.Evaluation?.Revision ?? 0) + 1;
        if (c.Revision != expected) return (null, Points.RevisionConflict("evaluations", state.Code, c.Revision, expected));
        if (!state.Closed && c.EvaluatedOn.Year <= state.Year)
            return (null, Refusal.Conflict("year-not-over", $"The fiscal year {state.Year} is not over",
                $"A project is evaluated after its year: {state.Year} is open and the evaluation is dated {c.EvaluatedOn:yyyy-MM-dd}. " +
                "Date it after the year, or close the year first. Nothing was recorded."));
        if (Against(goals, c, now) is { Ok: false } bad) return (null, bad.Refusal());
        return (new PerformanceEvaluated(c.Revision, goals.Revision, c.Type, c.Evaluator, c.EvaluatedOn, c.Completion, c.ExecutionScore,
            c.Results, c.Total, c.Reason, actor.Subject, actor.ClientId, now), null);
    }

    private static Fields Against(PerformanceGoalsSet goals, Command c, DateTimeOffset now)
    {
        var f = new Fields();
        // A day's grace: the evaluator's calendar may be a time zone ahead of the server's UTC.
        if (c.EvaluatedOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1)) f.Add("evaluatedOn", "must not be in the future");
        if (c.ExecutionScore > goals.ExecutionWeight) f.Add("executionScore", $"must be at most its weight {goals.ExecutionWeight:0.##}");
        var byCode = goals.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < c.Results.Count; n++)
        {
            var r = c.Results[n];
            var at = $"results[{n}].";
            if (!byCode.TryGetValue(r.Indicator, out var indicator))
            {
                f.Add(at + "indicator", $"{r.Indicator} is not an indicator of the goals (revision {goals.Revision})");
                continue;
            }
            if (!seen.Add(r.Indicator)) f.Add(at + "indicator", $"{r.Indicator} has another result");
            if (r.Score > indicator.Weight) f.Add(at + "score", $"must be at most the weight of {indicator.Code}, {indicator.Weight:0.##}");
            if (indicator.Direction != IndicatorDirection.Qualitative && r.ActualValue is null)
                f.Add(at + "actualValue",
                    $"is required: {indicator.Code} is a {Wire.Name(indicator.Direction)} indicator (B of the scoring rule)");
        }
        var missing = goals.Indicators.Where(i => !seen.Contains(i.Code)).Select(i => i.Code).ToList();
        if (missing.Count > 0) f.Add("results", $"every indicator needs a result; missing: {string.Join(", ", missing)}");
        return f;
    }

    /// <summary>An evaluation of one project appropriation, held under its lock; claims the revision.</summary>
    public static LineWrite<Command> Write(string district, int year, string code, Command command, string fingerprint,
        string? idempotencyKey) =>
        new("evaluate", district, year, code, command,
            new KeyClaim($"evaluation:{Appropriation.KeyFor(year, code)}/{command.Revision}", "evaluation-conflict",
                $"Revision {command.Revision} of the evaluation of appropriation {code} was already recorded with a different body"),
            fingerprint, idempotencyKey, (line, c, actor, now) => Decide(line, c, actor, now), after => PerformanceSheets.Of(after));
}

[Tags("Performance")]
public static class RecordEvaluationEndpoint
{
    [WolverinePost(SetPerformanceGoals.ProjectPath + "/evaluations", OperationId = "RecordEvaluation")]
    [RequiresScope(Scopes.PerformanceWrite)]
    [EndpointSummary("Record a project's evaluation (绩效自评 or 部门评价) after its year; a later revision supersedes it")]
    [EndpointDescription("Records PerformanceEvaluated once the year is over. A score above its weight is refused; scores that depart " +
        "from the scoring rules are kept as given and flagged in the reads. A later revision supersedes, and both stay in the history; " +
        "another body under the same revision is 409 evaluation-conflict.")]
    [ProducesResponseType<PerformanceSheet>(201)]
    public static async Task<IResult> Evaluate(string district, int year, string code, RecordEvaluationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (SetPerformanceGoals.CheckPath(district, year, code, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = RecordEvaluation.Validate(request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(RecordEvaluation.Write(district, year, code, command!,
            RequestFingerprint.Of("evaluate", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }
}
