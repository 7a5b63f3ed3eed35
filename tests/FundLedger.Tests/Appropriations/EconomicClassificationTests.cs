using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

/// <summary>部门预算支出经济分类 on lines and payments, and execution grouped by it, through the API as a client uses
/// it.</summary>
public sealed class EconomicClassificationTests(LedgerApp app) : LedgerTest(app)
{
    /// <summary>
    /// A basic line on 301 paid on its own class; a basic line on 302 paying 30201 and 30217 (one of them partly reversed);
    /// a project line on 30227; a project line with no class.
    /// </summary>
    private async Task<Api> Ledger()
    {
        var api = NewDistrict();
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("W", 500m, "2070801", "basic", economicClass: "301")).Status);
        await api.Disburse("W", "VW1", 400m, "2020-03-31");
        await api.Enact("G", 100m, "2070801", "basic", economicClass: "302");
        await api.Disburse("G", "VG1", 30m, "2020-04-30", economicClass: "30201");
        await api.Disburse("G", "VG2", 20m, "2020-05-31", economicClass: "30217");
        await api.Disburse("G", "VG3", 5m, "2020-06-30");
        await api.Reverse("VG2", 4m, "2020-07-01");
        await api.Enact("P", 200m, "2070899", "project", economicClass: "30227");
        await api.Disburse("P", "VP1", 150m, "2020-09-30");
        await api.Enact("N", 10m, "2070899", "project");
        await api.Disburse("N", "VN1", 1m, "2020-09-30");
        return api;
    }

    private static Dictionary<string, JsonNode> Rows(Answer report) =>
        report.Node("rows")!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!);

    private static decimal M(JsonNode row, string figure) => row[figure]!.GetValue<decimal>();

    [Fact]
    public async Task By_economic_section_a_payment_is_in_the_row_of_the_class_it_named_and_its_budget_in_its_lines()
    {
        var api = await Ledger();
        var report = await api.Get("execution?by=economic-section");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var rows = Rows(report);
        Assert.Equal(["301", "302", "30201", "30217", "30227", "unclassified"], rows.Keys);
        Assert.Equal((500m, 400m), (M(rows["301"], "adjusted"), M(rows["301"], "executed")));
        // 302's budget stays on 302; of its payments only the 5.00 that named no 款 is there.
        Assert.Equal((100m, 5m, 0m), (M(rows["302"], "adjusted"), M(rows["302"], "executed"), M(rows["302"], "reversed")));
        Assert.Equal((0m, 30m), (M(rows["30201"], "adjusted"), M(rows["30201"], "executed")));
        // The reversal comes off the class its payment named.
        Assert.Equal((20m, 4m, 16m), (M(rows["30217"], "disbursed"), M(rows["30217"], "reversed"), M(rows["30217"], "executed")));
        Assert.Equal("公务接待费", rows["30217"]["name"]!.GetValue<string>());
        Assert.Equal("委托业务费", rows["30227"]["name"]!.GetValue<string>());
        Assert.Equal((10m, 1m), (M(rows["unclassified"], "adjusted"), M(rows["unclassified"], "executed")));
        // The rows foot to the totals, which are the ledger's whatever the grouping.
        var total = report.Node("totals")!;
        Assert.Equal(810m, M(total, "adjusted"));
        Assert.Equal(602m, M(total, "executed"));
        Assert.Equal(M(total, "executed"), rows.Values.Sum(r => M(r, "executed")));
        Assert.Equal(M(total, "adjusted"), rows.Values.Sum(r => M(r, "adjusted")));
    }

    [Fact]
    public async Task By_economic_class_the_kuan_fold_into_their_lei_and_basic_expense_splits_personnel_from_public()
    {
        var api = await Ledger();

        var byClass = Rows(await api.Get("execution?by=economic-class"));
        Assert.Equal(["301", "302", "unclassified"], byClass.Keys);
        Assert.Equal((100m + 200m, 51m + 150m), (M(byClass["302"], "adjusted"), M(byClass["302"], "executed")));
        Assert.Equal("商品和服务支出", byClass["302"]["name"]!.GetValue<string>());

        var basic = Rows(await api.Get("execution?by=basic-expense"));
        Assert.Equal(["personnel", "project", "public"], basic.Keys);
        Assert.Equal(("人员经费", 400m), (basic["personnel"]["name"]!.GetValue<string>(), M(basic["personnel"], "executed")));
        Assert.Equal(("公用经费", 51m), (basic["public"]["name"]!.GetValue<string>(), M(basic["public"], "executed")));
        Assert.Equal(151m, M(basic["project"], "executed"));
    }

    [Fact]
    public async Task As_of_an_instant_the_grouping_is_replayed_from_the_events_and_agrees_with_the_live_one()
    {
        var api = await Ledger();
        var live = await api.Get("execution?by=economic-section");
        var asOf = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var replayed = await api.Get($"execution?by=economic-section&asOf={asOf}");

        Assert.Equal(HttpStatusCode.OK, replayed.Status);
        Assert.Equal(live.Node("rows")!.ToJsonString(), replayed.Node("rows")!.ToJsonString());
        var verified = (await api.Get($"/api/v1/districts/{api.District}/audit/verify")).Body!;
        Assert.True(verified["projections"]!["consistent"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("30230")]   // well formed, not a code of the list
    [InlineData("3021")]
    [InlineData("30a17")]
    public async Task A_line_on_a_class_the_years_list_lacks_is_a_400_naming_the_field_and_records_nothing(string economicClass)
    {
        var api = NewDistrict();
        var refused = await api.Enact("X", 10m, economicClass: economicClass);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["economicClass"], refused.ErrorFields);
        Assert.Equal(0, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task A_payment_may_name_its_lines_class_more_precisely_but_not_another_class()
    {
        var api = NewDistrict();
        await api.Enact("G", 100m, "2070801", "basic", economicClass: "302");
        await api.Enact("S", 100m, "2070801", "basic", economicClass: "30211");

        var otherClass = await api.Disburse("G", "V1", 10m, economicClass: "30101");
        var sibling = await api.Disburse("S", "V2", 10m, economicClass: "30217");
        var unknown = await api.Disburse("G", "V3", 10m, economicClass: "30298");

        foreach (var refused in new[] { otherClass, sibling, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(["economicClass"], refused.ErrorFields);
        }
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded"));
        Assert.Equal(HttpStatusCode.Created, (await api.Disburse("S", "V4", 10m, economicClass: "30211")).Status);
    }

    [Fact]
    public async Task The_years_list_names_every_class_and_a_year_before_the_first_revision_has_none()
    {
        var api = NewDistrict();
        var list = await api.Get("classifications/economic");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(2018, list.Node("effectiveFrom")!.GetValue<int>());
        var codes = list.Node("codes")!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["name"]!.GetValue<string>());
        Assert.Equal("公务用车运行维护费", codes["30231"]);
        Assert.Equal("工资福利支出", codes["301"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.InYear(2017).Get("classifications/economic")).Status);
    }
}
