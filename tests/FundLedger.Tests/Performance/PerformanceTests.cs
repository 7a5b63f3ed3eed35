using System.Net;
using FundLedger.Security;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Performance;

/// <summary>
/// Goals and evaluations through the API as a district's performance office sends them: revisions, retries, history and asOf.
/// </summary>
public sealed class PerformanceTests(LedgerApp app) : LedgerTest(app)
{
    private static object Goals(int revision = 1, decimal quantityWeight = 50m, string reason = "随预算批复") => new
    {
        revision, overallGoal = "全年出版52期", reason, setOn = "2019-12-31", manager = "张三",
        indicators = new object[]
        {
            new
            {
                code = "Q1", category = "quantity", name = "出版期数", target = "52期", direction = "positive", targetValue = 52,
                unit = "期", weight = quantityWeight,
            },
            new
            {
                code = "S1", category = "satisfaction", name = "读者满意度", target = "≥90%", direction = "qualitative",
                weight = 90m - quantityWeight,
            },
        },
    };

    private static object Evaluation(int revision = 1, decimal q1 = 50m, decimal actual = 52m, string evaluatedOn = "2021-03-31",
        string? reason = null, decimal s1 = 38m) => new
        {
            revision, type = "self", evaluator = "宣传中心", evaluatedOn, completion = "全年出版52期", executionScore = 10m,
            reason,
            results = new object[]
            {
                new { indicator = "Q1", actual = $"{actual}期", actualValue = actual, score = q1 },
                new { indicator = "S1", actual = "92%", score = s1, deviation = "投递有待加强" },
            },
        };

    private async Task<Api> Paid()
    {
        var api = NewDistrict();
        await api.Enact("P1", 100_000m);
        await api.Disburse("P1", "V1", 100_000m);
        return api;
    }

    [Fact]
    public async Task Goals_then_an_evaluation_after_the_year_give_the_table_with_its_total_and_grade()
    {
        var api = await Paid();
        var goals = await api.Post("appropriations/P1/performance/goals", Goals());
        Assert.Equal(HttpStatusCode.Created, goals.Status);
        Assert.Equal((1, "quantity", "output", (string?)null),
            (goals.Body!["goalsRevision"]!.GetValue<int>(), goals.Body["indicators"]![0]!["category"]!.GetValue<string>(),
             goals.Body["indicators"]![0]!["level1"]!.GetValue<string>(), goals.Body["grade"]?.GetValue<string>()));

        var early = await api.Post("appropriations/P1/performance/evaluations", Evaluation(evaluatedOn: "2020-12-20"));
        Assert.Equal((HttpStatusCode.Conflict, "https://fundledger.org/problems/year-not-over"), (early.Status, early.Text("type")));

        var evaluated = await api.Post("appropriations/P1/performance/evaluations", Evaluation());
        Assert.Equal(HttpStatusCode.Created, evaluated.Status);
        Assert.Equal((98m, "excellent", 0), (evaluated.Money("total"), evaluated.Text("grade"), evaluated.Body!["flags"]!.AsArray().Count));
        Assert.Equal("test-clerk", evaluated.Text("evaluation.recordedBy"));

        var read = await api.Get("appropriations/P1/performance");
        Assert.Equal(evaluated.Raw, read.Raw);
    }

    [Fact]
    public async Task A_retry_is_answered_with_the_original_receipt_and_a_different_body_under_the_same_revision_is_refused()
    {
        var api = await Paid();
        var first = await api.Post("appropriations/P1/performance/goals", Goals());
        var retry = await api.Post("appropriations/P1/performance/goals", Goals());
        Assert.Equal((HttpStatusCode.Created, true, first.Raw), (retry.Status, retry.Replayed, retry.Raw));

        var other = await api.Post("appropriations/P1/performance/goals", Goals(quantityWeight: 40m));
        Assert.Equal((HttpStatusCode.Conflict, "https://fundledger.org/problems/performance-goals-conflict"),
            (other.Status, other.Text("type")));
        var skipped = await api.Post("appropriations/P1/performance/goals", Goals(revision: 3));
        Assert.Equal("https://fundledger.org/problems/revision-conflict", skipped.Text("type"));
        Assert.Equal(3, (await api.Get("appropriations/P1/events")).Body!.AsArray().Count);   // enacted, paid, and one goals event
    }

    [Fact]
    public async Task Goals_can_be_revised_until_evaluated_and_reads_as_of_an_instant_show_what_was_recorded_then()
    {
        var api = await Paid();
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("appropriations/P1/performance")).Status);
        await api.Post("appropriations/P1/performance/goals", Goals());
        var revised = await api.Post("appropriations/P1/performance/goals",
            Goals(revision: 2, quantityWeight: 60m, reason: "增加期数权重"));
        Assert.Equal((HttpStatusCode.Created, 2, 60m),
            (revised.Status, revised.Body!["goalsRevision"]!.GetValue<int>(),
             revised.Body["indicators"]![0]!["weight"]!.GetValue<decimal>()));

        await api.Post("appropriations/P1/performance/evaluations", Evaluation(q1: 60m, s1: 28m));
        var again = await api.Post("appropriations/P1/performance/goals", Goals(revision: 3));
        Assert.Equal("https://fundledger.org/problems/goals-evaluated", again.Text("type"));

        // An instant is an event's recordedAt, as the history shows it.
        var recorded = (await api.Get("appropriations/P1/events")).Body!.AsArray()
            .Select(e => (Type: e!["type"]!.GetValue<string>(),
                At: Uri.EscapeDataString(e["recordedAt"]!.GetValue<DateTimeOffset>().ToString("O"))))
            .ToList();
        var afterFirst = recorded.First(e => e.Type == "performance_goals_set").At;
        var afterEvaluation = recorded.Single(e => e.Type == "performance_evaluated").At;
        var then = await api.Get($"appropriations/P1/performance?asOf={afterFirst}");
        Assert.Equal((1, 50m, true),
            (then.Body!["goalsRevision"]!.GetValue<int>(), then.Body["indicators"]![0]!["weight"]!.GetValue<decimal>(),
             then.Body["evaluation"] is null));
        var later = await api.Get($"appropriations/P1/performance?asOf={afterEvaluation}");
        Assert.Equal((2, 98m), (later.Body!["goalsRevision"]!.GetValue<int>(), later.Money("total")));
        var before = await api.Get($"appropriations/P1/performance?asOf={recorded[1].At}");
        Assert.Equal(HttpStatusCode.NotFound, before.Status);
    }

    [Fact]
    public async Task A_re_evaluation_supersedes_the_first_and_both_stay_in_the_history_the_audit_verifies()
    {
        var api = await Paid();
        await api.Post("appropriations/P1/performance/goals", Goals());
        await api.Post("appropriations/P1/performance/evaluations", Evaluation(q1: 50m));
        var second = await api.Post("appropriations/P1/performance/evaluations",
            Evaluation(revision: 2, q1: 45m, actual: 47m, reason: "复核：实际出版47期"));
        Assert.Equal((HttpStatusCode.Created, 2, 93m),
            (second.Status, second.Body!["evaluation"]!["revision"]!.GetValue<int>(), second.Money("total")));
        Assert.Equal("复核：实际出版47期", second.Text("evaluation.reason"));

        var history = (await api.Get("appropriations/P1/events")).Body!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(
            ["appropriation_enacted", "disbursement_recorded", "performance_goals_set", "performance_evaluated", "performance_evaluated"],
            history);
        var verify = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/verify", null);
        Assert.Equal((true, true), (verify.Body!["ok"]!.GetValue<bool>(), verify.Body["projections"]!["consistent"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Basic_lines_have_no_goals_and_the_performance_writes_need_their_own_scope()
    {
        var api = NewDistrict();
        await api.Enact("B1", 1_000m, kind: "basic");
        await api.Enact("P1", 1_000m);
        Assert.Equal("https://fundledger.org/problems/not-a-project",
            (await api.Post("appropriations/B1/performance/goals", Goals())).Text("type"));

        var budgetOffice = api.WithToken(App.Token(api.District, [Scopes.BudgetWrite, Scopes.DisbursementWrite, Scopes.ReportsRead]));
        Assert.Equal(HttpStatusCode.Forbidden, (await budgetOffice.Post("appropriations/P1/performance/goals", Goals())).Status);
        var performanceOffice = api.WithToken(App.Token(api.District, [Scopes.PerformanceWrite]));
        Assert.Equal(HttpStatusCode.Created, (await performanceOffice.Post("appropriations/P1/performance/goals", Goals())).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await performanceOffice.Get("appropriations/P1/performance")).Status);
        Assert.Equal(HttpStatusCode.OK, (await budgetOffice.Get("appropriations/P1/performance")).Status);
    }

    [Fact]
    public async Task The_summary_and_the_table_refuse_what_they_cannot_answer()
    {
        var api = await Paid();
        Assert.Equal(["lang", "format"], (await api.Get("appropriations/P1/performance?lang=fr&format=pdf")).ErrorFields);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("performance?department=D99")).Status);
        var none = await api.Get("performance");
        Assert.Equal((1, 0), (none.Body!["projects"]!.GetValue<int>(), none.Body["evaluated"]!.GetValue<int>()));
        Assert.EndsWith("尚未开展绩效评价（项目1个）。", none.Text("paragraph"));
    }

    [Fact]
    public async Task Measures_so_far_apart_that_the_rule_would_overflow_are_refused_naming_the_field()
    {
        var api = await Paid();
        // A target of 1e-19 with a huge actual value once overflowed (B − A) ÷ A and answered 500.
        var tiny = await api.Post("appropriations/P1/performance/goals",
            JsonSerializerFor.Write(Goals()).Replace("\"targetValue\":52", "\"targetValue\":0.0000000000000000001"));
        Assert.Equal(HttpStatusCode.BadRequest, tiny.Status);
        Assert.Equal(["indicators[0].targetValue"], tiny.ErrorFields);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/P1/performance/goals", Goals())).Status);
        var huge = await api.Post("appropriations/P1/performance/evaluations", Evaluation(actual: 10_000_000_000_000_000m));
        Assert.Equal(HttpStatusCode.BadRequest, huge.Status);
        Assert.Equal(["results[0].actualValue"], huge.ErrorFields);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/P1/performance/evaluations", Evaluation())).Status);
    }
}
