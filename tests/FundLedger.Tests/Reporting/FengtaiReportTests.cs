using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>
/// Acceptance: the Fengtai District Media Center's 2020 final accounts (domain brief, "The 2020 Fengtai report"),
/// loaded through the public API from contracts/samples/fengtai, give the published figures.
/// </summary>
public sealed class FengtaiReportTests(LedgerApp app) : LedgerTest(app), IAsyncLifetime
{
    private Api _y2020 = null!;

    public async Task InitializeAsync()
    {
        _y2020 = NewDistrict();
        await Samples.LoadFengtaiAsync(_y2020);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static decimal Wan(decimal yuan) => Rounding.ToWanYuan(Money.Of(yuan));

    [Theory]
    [InlineData("《丰台报》相关费用", "322.06", "322.06", "290.88", "90.32")]
    [InlineData("“北京丰台”客户端推广项目", "122.00", "122.00", "121.65", "99.71")]
    [InlineData("奥运大屏运维费", "71.00", "71.00", "70.79", "99.70")]
    [InlineData("部门运转聘用人员经费", "10.20", "10.20", "8.56", "83.90")]
    [InlineData("丰台区融媒体中心建设项目（一期）", "2000.00", "2000.00", "0.00", "0.00")]
    [InlineData("丰台区域文化融媒体宣传项目", "117.00", "117.00", "109.32", "93.43")]
    [InlineData("公益广告专项扶持资金", "0.00", "10.00", "9.70", "97.00")]
    [InlineData("互联网接入服务费", "60.00", "60.00", "60.00", "100.00")]
    [InlineData("基层党组织党建活动经费", "2.16", "2.16", "2.16", "100.00")]
    [InlineData("媒体融合发展扶持资金", "0.00", "10.00", "10.00", "100.00")]
    [InlineData("聘用人员保障经费", "423.59", "373.59", "345.70", "92.53")]
    [InlineData("融媒体学院培训费", "11.00", "11.00", "10.99", "99.94")]
    [InlineData("新媒体业务运维项目", "2.00", "2.00", "1.75", "87.43")]
    [InlineData("专用设备运维费", "14.93", "14.93", "14.82", "99.29")]
    public async Task Each_of_the_14_projects_has_its_published_figures_and_rate(
        string name, string original, string adjusted, string executed, string rate)
    {
        var project = (await _y2020.Get("execution?by=project")).Node("rows")!.AsArray()
            .Single(r => r!["name"]!.GetValue<string>() == name)!;
        Assert.Equal(
            $"{original}/{adjusted}/{executed}/{rate}",
            $"{Wan(Value(project, "original")):0.00}/{Wan(Value(project, "adjusted")):0.00}/" +
            $"{Wan(Value(project, "executed")):0.00}/{Value(project, "executionRate"):0.00}");
    }

    [Fact]
    public async Task Project_and_basic_totals_and_the_general_budget_total()
    {
        var byKind = await _y2020.Get("execution?by=kind");
        var rows = byKind.Node("rows")!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!);
        Assert.Equal(3125.94m, Wan(Value(rows["project"], "adjusted")));
        Assert.Equal(1056.33m, Wan(Value(rows["project"], "executed")));
        Assert.Equal(2330.53m, Wan(Value(rows["basic"], "executed")));
        Assert.Equal(3386.86m, Wan(byKind.Money("totals.executed")));
        var other = (await _y2020.Get("execution?by=fund-source")).Node("rows")!.AsArray()
            .Single(r => r!["key"]!.GetValue<string>() == "other")!;
        Assert.Equal(3376.86m, Wan(byKind.Money("totals.executed") - Value(other, "executed")));
    }

    [Fact]
    public async Task The_quarters_of_the_Fengtai_Daily()
    {
        var line = (await _y2020.Get("appropriations")).Node("items")!.AsArray()
            .Single(a => a!["name"]!.GetValue<string>() == "《丰台报》相关费用")!;
        Assert.Equal([929_285.00m, 672_579.65m, 689_461.60m, 617_518.40m],
            new[] { "q1", "q2", "q3", "q4" }.Select(q => line["quarters"]![q]!.GetValue<decimal>()));
        Assert.Equal(2_908_844.65m, Value(line, "executed"));
    }

    [Theory]
    [InlineData("class", "201", "2.16", "2.16", "0.00", "0.00")]
    [InlineData("class", "207", "2800.19", "4305.46", "-1505.27", "-34.96")]
    [InlineData("section", "20701", "80.49", "2071.00", "-1990.51", "-96.11")]
    [InlineData("section", "20708", "2719.70", "2234.46", "485.24", "21.72")]
    [InlineData("class", "208", "240.55", "286.26", "-45.71", "-15.97")]
    [InlineData("section", "20805", "240.55", "286.26", "-45.71", "-15.97")]
    [InlineData("class", "221", "333.96", "331.47", "2.49", "0.75")]
    [InlineData("section", "22102", "333.96", "331.47", "2.49", "0.75")]
    public async Task The_general_budget_table_by_class_and_section(
        string level, string code, string final, string original, string change, string percent)
    {
        var node = await Node(level, code);
        Assert.Equal($"{final}/{original}/{change}/{percent}",
            $"{Value(node, "finalWanYuan"):0.00}/{Value(node, "originalWanYuan"):0.00}/" +
            $"{Value(node, "changeWanYuan"):0.00}/{Value(node, "changePercent"):0.00}");
    }

    [Fact]
    public async Task The_general_budget_classes_add_up_to_3376_86()
    {
        var classes = (await _y2020.Get("variance?level=class")).Node("nodes")!.AsArray();
        Assert.Equal(3376.86m, Wan(classes.Sum(n => Value(n!, "final"))));
        Assert.Equal(["201", "207", "208", "221"], classes.Select(n => n!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_fund_identity_holds_570_70_plus_4860_47_equals_3386_86_plus_2044_31()
    {
        var lines = (await _y2020.Get("appropriations")).Node("items")!.AsArray().Select(a => a!).ToList();
        var carriedOver = lines.Where(a => a["fundSource"]!.GetValue<string>() == "carried-over").ToList();
        var opening = carriedOver.Sum(a => Value(a, "adjusted"));
        var income = lines.Except(carriedOver).Sum(a => Value(a, "adjusted") - Value(a, "lapsed"));
        var expenditure = lines.Sum(a => Value(a, "executed"));
        var closing = lines.Sum(a => Value(a, "carried"));

        Assert.Equal((570.70m, 4860.47m, 3386.86m, 2044.31m), (Wan(opening), Wan(income), Wan(expenditure), Wan(closing)));
        Assert.Equal(opening + income, expenditure + closing);
        Assert.All(lines, a => Assert.Equal(Value(a, "adjusted"), Value(a, "executed") + Value(a, "carried") + Value(a, "lapsed")));
    }

    [Fact]
    public async Task Section_20701_is_explained_in_the_seeds_words()
    {
        Assert.Equal(
            "2020年度决算80.49万元，比2020年年初预算减少1990.51万元，下降96.11%。" +
            "主要原因：丰台区融媒体中心建设项目（一期）2000.00万元未支出，" +
            "作为财政应返还额度结转至2021年。",
            (await Node("section", "20701"))["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section_22102_lists_its_supplements_and_rescissions()
    {
        Assert.Equal(
            "2020年度决算333.96万元，比2020年年初预算增加2.49万元，增长0.75%。" +
            "主要原因：财政追加住房补贴13.59万元、住房公积金7.18万元；" +
            "收回住房公积金14.87万元、住房补贴3.41万元。",
            (await Node("section", "22102"))["explanation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Section_20708_carries_the_published_supplements_as_reasons_and_ends_in_deng()
    {
        var node = await Node("section", "20708");
        var supplements = node["reasons"]!.AsArray().Where(r => r!["kind"]!.GetValue<string>() == "supplement")
            .Select(r => $"{r!["label"]!.GetValue<string>()}{Value(r, "amountWanYuan"):0.00}").ToList();

        Assert.Equal(
            ["未规范在职人员经费（工资）176.60", "重大活动一次性奖励95.13", "未规范离退休人员经费2.60",
             "核增一次性绩效工资2.02", "2019年度平安建设奖0.50"],
            supplements.Where(s => !s.StartsWith("基本支出其他追加")));
        Assert.EndsWith("等。", node["explanation"]!.GetValue<string>());
        // The placeholder the samples flag is in the reasons, flagged, and not in the text (the seed does not print it).
        Assert.Contains("财政追加未规范在职人员经费（工资）176.60万元、重大活动一次性奖励95.13万元",
            node["explanation"]!.GetValue<string>());
        Assert.DoesNotContain("未列明", node["explanation"]!.GetValue<string>());
        Assert.True(node["reasons"]!.AsArray().Single(r => r!["label"]!.GetValue<string>().StartsWith("基本支出其他追加"))!
            ["placeholder"]!.GetValue<bool>());
        Assert.Equal(485.24m, Wan(node["reasons"]!.AsArray().Sum(r => Value(r!, "amount"))));
    }

    [Fact]
    public async Task The_construction_project_reappears_in_2021_carried_over_and_pointing_back()
    {
        var carried = await _y2020.InYear(2021).Appropriation("P21-JZ01");
        Assert.Equal("丰台区融媒体中心建设项目（一期）", carried.Text("name"));
        Assert.Equal(2000.00m, Wan(carried.Money("adjusted")));
        Assert.Equal("carried-over", carried.Text("fundSource"));
        Assert.Equal((2020, "P05", "treasury-returnable"),
            (carried.Node("carriedFrom.year")!.GetValue<int>(), carried.Text("carriedFrom.code"), carried.Text("carriedFrom.kind")));
        var source = await _y2020.Appropriation("P05");
        Assert.Equal("P21-JZ01", source.Node("carriedTo")![0]!["code"]!.GetValue<string>());
        // Dated by the carry (the samples send 2020-12-31), not by the day the samples were loaded.
        Assert.Equal("2020-12-31", carried.Text("enactedOn"));
    }

    [Fact]
    public async Task Year_over_year_total_is_5421_17_up_1383_91_with_its_new_and_reduced_projects()
    {
        var yoy = await _y2020.Get("year-over-year");

        Assert.Equal((5421.17m, 4037.26m, 1383.91m, 34.28m),
            (yoy.Money("totalWanYuan"), yoy.Money("previousTotalWanYuan"), yoy.Money("changeWanYuan"), yoy.Money("changePercent")));
        var explanation = yoy.Text("explanation")!;
        Assert.StartsWith(
            "2020年度财政拨款收、支总计5421.17万元，比上年增加1383.91万元，增长34.28%。" +
            "主要原因：新增丰台区融媒体中心建设项目（一期）2000.00万元、机构运转经费50.05万元、" +
            "政务微信建设与维护服务19.00万元、专业设备购置7.40万元；", explanation);
        Assert.Contains("区级融媒体中心建设减少1011.86万元", explanation);
        Assert.Contains("《丰台报》相关费用减少20.12万元", explanation);
        Assert.EndsWith("等。", explanation);
        var lines = yoy.Node("lines")!.AsArray();
        Assert.Equal(1383.91m, Wan(lines.Sum(l => Value(l!, "difference"))));
    }

    [Fact]
    public async Task The_department_report_tells_the_overall_figures_in_the_seeds_words()
    {
        var report = await _y2020.Get("report?department=110106001");
        var markdown = report.Text("markdown")!;

        Assert.Contains("2020年度收、支总计5431.17万元，比上年增加1393.91万元，增长34.53%。", markdown);
        // Every category of the 收入决算表 and the 支出决算表, zero ones too, as the seed lists them.
        Assert.Contains("其中：财政拨款收入4850.47万元，占收入合计的99.79%；" +
            "上级补助收入0.00万元，占收入合计的0.00%；事业收入0.00万元，占收入合计的0.00%；" +
            "经营收入0.00万元，占收入合计的0.00%；附属单位上缴收入0.00万元，占收入合计的0.00%；" +
            "其他收入10.00万元，占收入合计的0.21%。", markdown);
        Assert.Contains("其中：基本支出2330.53万元，占支出合计的68.81%；" +
            "项目支出1056.33万元，占支出合计的31.19%；" +
            "上缴上级支出0.00万元，占支出合计的0.00%；经营支出0.00万元，占支出合计的0.00%；" +
            "对附属单位补助支出0.00万元，占支出合计的0.00%。", markdown);
        // Against 2019 as the seed compares them: 2019 opened with 228.10 carried from 2018, and 2020 opened with 2019's
        // 1047.32 less the 476.62 the treasury recovered (调整年初结转和结余, dataset README assumption 8).
        Assert.Contains("本年收入合计4860.47万元，比上年增加1051.31万元，增长27.60%，", markdown);
        Assert.Contains("本年支出合计3386.86万元，比上年增加396.92万元，增长13.28%，", markdown);
        Assert.Contains("年初结转和结余570.70万元 + 本年收入4860.47万元 = " +
            "本年支出3386.86万元 + 年末结转和结余2044.31万元 = 5431.17万元。", markdown);
        Assert.Contains("“文化和旅游”(款)2020年度决算80.49万元", markdown);
        Assert.True(report.Node("fundIdentity.foots")!.GetValue<bool>());
        var text = await _y2020.Send(HttpMethod.Get, "report?format=markdown&lang=en", null);
        Assert.Equal("text/markdown", text.ContentType);
        Assert.Contains(
            "Opening balance 570.70 + income 4860.47 = expenditure 3386.86 + closing balance 2044.31 = 5431.17 (10k yuan).", text.Raw);
    }

    [Fact]
    public async Task The_published_years_auditor_bundle_verifies_offline()
    {
        var bundle = await Audit.AuditBundleTests.Bundle(_y2020);
        Assert.Empty(FundLedger.BundleVerifier.Verifier.Verify(bundle));
        Assert.Equal(3386.86m, Wan(bundle.Execution.Totals.Executed));
    }

    private async Task<JsonNode> Node(string level, string code) =>
        (await _y2020.Get($"variance?level={level}")).Node("nodes")!.AsArray().Single(n => n!["code"]!.GetValue<string>() == code)!;

    private static decimal Value(JsonNode node, string name) => node[name]!.GetValue<decimal>();
}
