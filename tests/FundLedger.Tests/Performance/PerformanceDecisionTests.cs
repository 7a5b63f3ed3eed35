using FundLedger.Reporting;
using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Tests.Performance;

/// <summary>Goals and evaluations decided without a database: what is refused, and what the table computes from them.</summary>
public sealed class PerformanceDecisionTests
{
    private static PerformanceIndicatorInput Indicator(string code, decimal? weight, string direction = "positive", decimal? target = 10m,
        string category = "quantity", string? name = "产出数量") =>
        new()
        {
            Code = code, Category = category, Name = name, Target = "10期", Direction = direction, TargetValue = target, Unit = "期",
            Weight = weight,
        };

    private static SetPerformanceGoalsRequest Goals(params PerformanceIndicatorInput[] indicators) => new()
    {
        Revision = 1, OverallGoal = "全年出版", Indicators = indicators, SetOn = "2019-12-31", Reason = "随预算批复",
    };

    private static SetPerformanceGoals.Command ValidGoals(decimal executionWeight = 10m)
    {
        var goals = Goals(Indicator("Q1", 50m), Indicator("S1", 100m - executionWeight - 50m, "qualitative", null, "satisfaction"));
        return SetPerformanceGoals.Validate(2020, goals with { ExecutionWeight = executionWeight }).Command!;
    }

    private static Appropriation WithGoals(Appropriation line) =>
        line.Then(SetPerformanceGoals.Decide(line, ValidGoals(), Build.Actor, Build.Now).Event!, line.Version + 1);

    private static Appropriation Closed(Appropriation line) =>
        line.Then(new BalanceLapsed(line.Available, 2020, "u", "c", Build.Now), line.Version + 1);

    private static RecordEvaluationRequest Evaluation(decimal executionScore = 9m, decimal q1Score = 30m, decimal? q1Actual = 6m,
        decimal s1Score = 35m, int revision = 1, string? reason = null, decimal? total = null) => new()
        {
            Revision = revision, Type = "self", Evaluator = "中心", EvaluatedOn = "2021-04-30", Completion = "完成",
            ExecutionScore = executionScore,
            Results = [new IndicatorResultInput { Indicator = "Q1", Actual = "6期", ActualValue = q1Actual, Score = q1Score },
                       new IndicatorResultInput { Indicator = "S1", Actual = "较好", Score = s1Score, Deviation = "有提高空间" }],
            Reason = reason, Total = total,
        };

    private static (PerformanceEvaluated? Event, FundLedger.Kernel.Refusal? Refusal) Evaluate(
        Appropriation line, RecordEvaluationRequest request)
    {
        var (command, invalid) = RecordEvaluation.Validate(request);
        return invalid is not null ? (null, invalid) : RecordEvaluation.Decide(line, command!, Build.Actor, Build.Now.AddYears(1));
    }

    [Fact]
    public void Weights_that_do_not_make_100_with_the_execution_score_are_refused_naming_the_indicators()
    {
        var (_, refusal) = SetPerformanceGoals.Validate(2020, Goals(Indicator("Q1", 50m), Indicator("Q2", 30m)));
        Assert.Equal(["indicators"], refusal!.Errors!.Keys);
        Assert.Contains("Q1 50, Q2 30", refusal.Errors["indicators"][0]);
        Assert.Contains("must add up to 90", refusal.Errors["indicators"][0]);
    }

    [Fact]
    public void A_district_may_weigh_execution_otherwise_and_the_indicators_make_up_the_rest()
    {
        Assert.Null(SetPerformanceGoals.Validate(2020,
            Goals(Indicator("Q1", 50m), Indicator("Q2", 30m)) with { ExecutionWeight = 20m }).Refusal);
        Assert.Equal(20m, ValidGoals(20m).ExecutionWeight);
    }

    [Fact]
    public void Each_indicator_is_checked_field_by_field()
    {
        var (_, refusal) = SetPerformanceGoals.Validate(2020, Goals(
            Indicator("Q1", 45m, target: null),
            Indicator("Q1", 0m, category: "happiness", name: new string('名', 501)),
            Indicator("Q/3", 45.001m, direction: "upwards")));
        Assert.Equal(
            ["indicators[0].targetValue", "indicators[1].code", "indicators[1].category", "indicators[1].name", "indicators[1].weight",
             "indicators[2].code", "indicators[2].direction", "indicators[2].weight"],
            refusal!.Errors!.Keys);
    }

    [Fact]
    public void Goals_belong_to_projects_come_in_revision_order_and_are_fixed_once_evaluated()
    {
        var basic = Build.Line(100m, kind: AppropriationKind.Basic);
        Assert.Equal("not-a-project", SetPerformanceGoals.Decide(basic, ValidGoals(), Build.Actor, Build.Now).Refusal!.Type);

        var line = WithGoals(Build.Line(100m));
        var again = SetPerformanceGoals.Decide(line, ValidGoals(), Build.Actor, Build.Now);
        Assert.Equal("revision-conflict", again.Refusal!.Type);
        var revised = SetPerformanceGoals.Decide(line, ValidGoals() with { Revision = 2, Reason = "调整指标" }, Build.Actor, Build.Now);
        Assert.Equal((2, "调整指标", "clerk-1"), (revised.Event!.Revision, revised.Event.Reason, revised.Event.RecordedBy));

        var evaluated = line.Then(Evaluate(Closed(line), Evaluation()).Event!, line.Version + 2);
        Assert.Equal("goals-evaluated",
            SetPerformanceGoals.Decide(evaluated, ValidGoals() with { Revision = 2 }, Build.Actor, Build.Now).Refusal!.Type);
    }

    [Fact]
    public void An_evaluation_needs_goals_and_a_year_that_is_over()
    {
        Assert.Equal("no-performance-goals", Evaluate(Closed(Build.Line(100m)), Evaluation()).Refusal!.Type);

        var open = WithGoals(Build.Line(100m));
        var early = RecordEvaluation.Decide(open,
            RecordEvaluation.Validate(Evaluation() with { EvaluatedOn = "2020-12-31" }).Command!, Build.Actor, Build.Now.AddYears(1));
        Assert.Equal("year-not-over", early.Refusal!.Type);
        Assert.Null(Evaluate(open, Evaluation()).Refusal);   // dated 2021: the year is over even before it is closed
        var closed = Closed(open);
        Assert.Null(RecordEvaluation.Decide(closed,
            RecordEvaluation.Validate(Evaluation() with { EvaluatedOn = "2020-12-31" }).Command!, Build.Actor,
            Build.Now.AddYears(1)).Refusal);
    }

    [Fact]
    public void Scores_above_their_weight_missing_results_and_missing_figures_are_refused_naming_the_field()
    {
        var line = Closed(WithGoals(Build.Line(100m)));
        var (_, refusal) = Evaluate(line, Evaluation(executionScore: 10.5m, q1Score: 50.01m, q1Actual: null));
        Assert.Equal(["executionScore", "results[0].score", "results[0].actualValue"], refusal!.Errors!.Keys);

        var missing = Evaluation() with
        {
            Results = [new IndicatorResultInput { Indicator = "Q1", Actual = "6期", ActualValue = 6m, Score = 30m },
                       new IndicatorResultInput { Indicator = "X9", Actual = "?", Score = 1m }]
        };
        Assert.Equal(["results[1].indicator", "results"], Evaluate(line, missing).Refusal!.Errors!.Keys);
        Assert.Contains("missing: S1", Evaluate(line, missing).Refusal!.Errors!["results"][0]);
    }

    [Fact]
    public void A_re_evaluation_supersedes_in_revision_order_and_says_why()
    {
        var line = Closed(WithGoals(Build.Line(100m)));
        var first = line.Then(Evaluate(line, Evaluation()).Event!, line.Version + 1);
        Assert.Equal(["reason"], Evaluate(first, Evaluation(revision: 2)).Refusal!.Errors!.Keys);
        Assert.Equal("revision-conflict", Evaluate(first, Evaluation(revision: 3, reason: "复核")).Refusal!.Type);
        var second = first.Then(Evaluate(first, Evaluation(q1Score: 25m, revision: 2, reason: "复核")).Event!, first.Version + 1);
        Assert.Equal((2, 69m), (second.Evaluation!.Revision, PerformanceSheets.Of(second).Total));
    }

    [Fact]
    public void The_table_keeps_the_scores_as_given_and_flags_each_that_departs_from_its_rule()
    {
        // Executed 90 of 100: the rule gives 9.00 for execution; Q1 is 6 of 10 (B/A × 50 = 30).
        var line = Closed(WithGoals(Build.Line(100m, executed: 90m)));
        var evaluated = line.Then(Evaluate(line, Evaluation(executionScore: 8.8m, q1Score: 35m, total: 80m)).Event!, line.Version + 1);
        var sheet = PerformanceSheets.Of(evaluated);

        Assert.Equal((78.8m, 74m, "fair"), (sheet.Total!.Value, sheet.RuleTotal!.Value, sheet.Grade));
        Assert.Equal(
            [
                ("execution-score", null, "execution-rate", 8.8m, 9m), ("indicator-score", "Q1", "positive-ratio", 35m, 30m),
                ("total", null, "sum-of-scores", 80m, 78.8m),
            ],
            sheet.Flags.Select(f => (f.Kind, f.Indicator, f.Rule, f.Recorded, f.Computed)));
        Assert.Equal((90m, 90.00m), (sheet.Funding.CurrentYear.Executed!.Value, sheet.Funding.Total.ExecutionRate!.Value));
        Assert.Null(sheet.Funding.CarriedOver.Executed);
    }

    [Fact]
    public void Scores_that_follow_the_rules_raise_no_flag()
    {
        var line = Closed(WithGoals(Build.Line(100m, executed: 90m)));
        var evaluated = line.Then(Evaluate(line, Evaluation(executionScore: 9m, q1Score: 30m, total: 74m)).Event!, line.Version + 1);
        Assert.Empty(PerformanceSheets.Of(evaluated).Flags);
    }
}

public sealed class PerformanceMarkdownTests
{
    [Fact]
    public void Recorded_text_cannot_break_the_table_or_bring_markup_of_its_own()
    {
        var line = Build.Line(100m);
        var goals = new PerformanceGoalsSet(1, "第一行\n第二行", 10m,
            [new PerformanceIndicator("Q1", IndicatorCategory.Quality, "a | b <script>alert(1)</script>", "有效提升",
                IndicatorDirection.Qualitative, null, null, 90m)],
            null, null, null, new DateOnly(2019, 12, 31), "r", "u", "c", Build.Now);
        var markdown = PerformanceMarkdown.Of(PerformanceSheets.Of(line.Then(goals, 2)), Language.Chinese);
        Assert.Contains("| 产出指标 | 质量指标 | a \\| b \\<script\\>alert(1)\\</script\\> " +
            "| 有效提升 |  | 90 |  |  |", markdown);
        Assert.Contains("|  | 第一行<br>第二行 |  |", markdown);
        Assert.DoesNotContain("<script>", markdown);
    }
}
