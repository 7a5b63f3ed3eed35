using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

public sealed class AppropriationTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Enacting_answers_the_figures_and_the_read_shows_them()
    {
        var api = NewDistrict();
        var enacted = await api.Enact("P001", 3_220_600.00m);

        Assert.Equal(HttpStatusCode.Created, enacted.Status);
        Assert.Equal($"{api.Base}/appropriations/P001", enacted.Response.Headers.Location?.OriginalString);
        var read = await api.Appropriation("P001");
        Assert.Equal(3_220_600.00m, read.Money("original"));
        Assert.Equal(3_220_600.00m, read.Money("adjusted"));
        Assert.Equal(3_220_600.00m, read.Money("available"));
        Assert.Equal(0m, read.Money("executionRate"));
        Assert.Equal("project", read.Text("kind"));
        Assert.Equal("2070899", read.Text("functionClass"));
        Assert.Equal(1, read.Node("version")!.GetValue<long>());
    }

    [Fact]
    public async Task Enacting_the_same_code_again_replays_and_a_different_body_conflicts()
    {
        var api = NewDistrict();
        var first = await api.Enact("P001", 100m);
        var again = await api.Enact("P001", 100m);
        var different = await api.Enact("P001", 200m);

        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.True(again.Replayed);
        Assert.Equal(first.Raw, again.Raw);
        Assert.Equal(HttpStatusCode.Conflict, different.Status);
        Assert.Equal("https://fundledger.org/problems/appropriation-exists", different.Text("type"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "appropriation_enacted"));
        Assert.Equal(100m, (await api.Appropriation("P001")).Money("original"));
    }

    [Fact]
    public async Task Supplements_and_reductions_give_the_adjusted_budget()
    {
        var api = NewDistrict();
        await api.Enact("B22102", 3_314_700.00m, "2210201", "basic");
        await api.Adjust("B22102", "A1", "supplement", 135_900.00m);
        await api.Adjust("B22102", "A2", "supplement", 71_800.00m);
        await api.Adjust("B22102", "A3", "reduction", 148_700.00m, "收回 住房公积金");
        var last = await api.Adjust("B22102", "A4", "reduction", 34_100.00m, "收回 住房补贴");

        Assert.Equal(HttpStatusCode.Created, last.Status);
        var read = await api.Appropriation("B22102");
        Assert.Equal(207_700.00m, read.Money("supplements"));
        Assert.Equal(182_800.00m, read.Money("reductions"));
        Assert.Equal(3_314_700.00m + 207_700.00m - 182_800.00m, read.Money("adjusted"));
        Assert.Equal(5, read.Node("version")!.GetValue<long>());
        Assert.Equal(last.Raw, (await api.Adjust("B22102", "A4", "reduction", 34_100.00m, "收回 住房补贴")).Raw);
    }

    [Fact]
    public async Task A_reduction_below_what_is_executed_is_refused_and_records_nothing()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);
        await api.Disburse("P001", "V1", 800.00m);

        var refused = await api.Adjust("P001", "R1", "reduction", 200.01m, "收回");
        var allowed = await api.Adjust("P001", "R2", "reduction", 200.00m, "收回");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("https://fundledger.org/problems/reduction-below-executed", refused.Text("type"));
        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Equal(800.00m, allowed.Money("adjusted"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "appropriation_reduced"));
    }

    [Fact]
    public async Task Unknown_appropriation_is_404_problem()
    {
        var api = NewDistrict();
        var read = await api.Appropriation("NOPE");
        var adjust = await api.Adjust("NOPE", "A1", "supplement", 1m);
        var pay = await api.Disburse("NOPE", "V1", 1m);

        foreach (var answer in new[] { read, adjust, pay })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.Equal("https://fundledger.org/problems/appropriation-not-found", answer.Text("type"));
        }
        Assert.Equal(0, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task Bad_fields_are_named_in_one_400_and_nothing_is_recorded()
    {
        var api = NewDistrict();
        var answer = await api.Post("appropriations", new
        {
            code = "has space", name = "", department = new { code = "D/1", name = "x" }, kind = "other",
            functionClass = "20708", economicClass = "3", fundSource = "cash", originalAmount = "-1.00",
            control = "soft", enactedOn = "2020-02-30",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("https://fundledger.org/problems/validation", answer.Text("type"));
        Assert.Equal(
            new[]
            {
                "code", "control", "department.code", "economicClass", "enactedOn", "functionClass", "fundSource", "kind", "name",
                "originalAmount",
            },
            answer.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal(0, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task A_zero_original_amount_is_allowed_for_lines_created_mid_year()
    {
        var api = NewDistrict();
        var answer = await api.Enact("P007", 0m);
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        Assert.Equal(0.00m, answer.Money("adjusted"));
    }

    [Fact]
    public async Task The_list_is_filtered_ordered_and_paged_on_the_server()
    {
        var api = NewDistrict();
        foreach (var (code, amount, kind) in
            new[] { ("A1", 300m, "project"), ("A2", 100m, "basic"), ("B1", 200m, "project"), ("B2", 400m, "project") })
            await api.Enact(code, amount, kind: kind);
        await api.Disburse("B1", "V1", 150m);

        var page = await api.Get("appropriations?kind=project&sort=rate&order=desc&limit=2");
        Assert.Equal((2, 3, 0),
            (page.Node("count")!.GetValue<int>(), page.Node("total")!.GetValue<int>(), page.Node("offset")!.GetValue<int>()));
        Assert.Equal(["B1", "A1"], page.Node("items")!.AsArray().Select(a => a!["code"]!.GetValue<string>()));   // 75 %, then 0 % by code
        var next = await api.Get("appropriations?kind=project&sort=rate&order=desc&limit=2&offset=2");
        Assert.Equal(["B2"], next.Node("items")!.AsArray().Select(a => a!["code"]!.GetValue<string>()));
        var found = await api.Get("appropriations?q=b&sort=adjusted");
        Assert.Equal(["B1", "B2"], found.Node("items")!.AsArray().Select(a => a!["code"]!.GetValue<string>()));
        var all = await api.Get("appropriations");
        Assert.Equal((4, 4), (all.Node("count")!.GetValue<int>(), all.Node("total")!.GetValue<int>()));

        var bad = await api.Get("appropriations?sort=colour&order=up&limit=0&offset=-1&kind=other");
        Assert.Equal(["kind", "sort", "order", "offset", "limit"], bad.ErrorFields);
    }

    [Fact]
    public async Task The_district_lists_its_years_and_whether_each_was_closed_at_an_instant()
    {
        var api = NewDistrict();
        await api.Enact("A", 100m);
        await api.InYear(2021).Enact("B", 100m);
        var beforeClose = DateTimeOffset.UtcNow;
        await api.Close();

        var years = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/years", null);
        Assert.Equal(["2020:True", "2021:False"],
            years.Node("years")!.AsArray().Select(y => $"{y!["year"]}:{y["closed"]!.GetValue<bool>()}"));
        var then = await api.Send(HttpMethod.Get,
            $"/api/v1/districts/{api.District}/years?asOf={Uri.EscapeDataString(beforeClose.ToString("O"))}", null);
        Assert.False(then.Node("years")!.AsArray()[0]!["closed"]!.GetValue<bool>());
    }
}
