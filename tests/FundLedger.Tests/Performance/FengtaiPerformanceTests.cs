using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Performance;

/// <summary>
/// Acceptance: the fourteen 项目支出绩效自评表 of the Fengtai 2020 final accounts (domain brief, "The 2020 Fengtai
/// self-evaluation"), sent over HTTP from contracts/samples/fengtai with the ledger they are scored against, give the
/// published totals, grades and band counts; the rules' scores stand next to the scores as given, and every departure
/// the seed's own figures hold is flagged.
/// </summary>
public sealed class FengtaiPerformanceTests(LedgerApp app) : LedgerTest(app)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Api? _loaded;

    /// <summary>The samples are loaded once for the class: every test here only reads.</summary>
    private async Task<Api> Fengtai()
    {
        await Gate.WaitAsync();
        try
        {
            if (_loaded is null)
            {
                var api = NewDistrict();
                await Samples.LoadFengtaiAsync(api);
                _loaded = api;
            }
            return _loaded;
        }
        finally { Gate.Release(); }
    }

    private async Task<JsonNode> Sheet(string code) => (await (await Fengtai()).Get($"appropriations/{code}/performance")).Body!;

    [Theory]
    [InlineData("P01", "《丰台报》相关费用", "department", "90.32", "8.8", "95.2", "excellent")]
    [InlineData("P02", "“北京丰台”客户端推广项目", "self", "99.71", "9", "96", "excellent")]
    [InlineData("P03", "奥运大屏运维费", "self", "99.70", "9.9", "85.55", "good")]
    [InlineData("P04", "部门运转聘用人员经费", "self", "83.90", "8", "88", "good")]
    [InlineData("P05", "丰台区融媒体中心建设项目（一期）", "self", "0.00", "0", "60.5", "fair")]
    [InlineData("P06", "丰台区域文化融媒体宣传项目", "self", "93.43", "9", "92", "excellent")]
    [InlineData("P07", "公益广告专项扶持资金", "self", "97.00", "8", "94", "excellent")]
    [InlineData("P08", "互联网接入服务费", "self", "100.00", "10", "93.5", "excellent")]
    [InlineData("P09", "基层党组织党建活动经费", "self", "100.00", "10", "95", "excellent")]
    [InlineData("P10", "媒体融合发展扶持资金", "self", "100.00", "10", "91", "excellent")]
    [InlineData("P11", "聘用人员保障经费", "self", "92.53", "9", "91", "excellent")]
    [InlineData("P12", "融媒体学院培训费", "self", "99.94", "9.9", "93.9", "excellent")]
    [InlineData("P13", "新媒体业务运维项目", "self", "87.43", "8", "90", "excellent")]
    [InlineData("P14", "专用设备运维费", "self", "99.29", "9.9", "89.3", "good")]
    public async Task Each_table_has_its_published_rate_scores_total_and_grade(string code, string name, string type, string rate,
        string executionScore, string total, string grade)
    {
        var sheet = await Sheet(code);
        var indicatorScores = sheet["indicators"]!.AsArray().Sum(i => i!["score"]!.GetValue<decimal>());
        var given = sheet["funding"]!["executionScore"]!.GetValue<decimal>();
        Assert.Equal(
            (name, type, decimal.Parse(rate), decimal.Parse(executionScore), decimal.Parse(total), grade),
            (sheet["name"]!.GetValue<string>(), sheet["evaluation"]!["type"]!.GetValue<string>(),
             sheet["funding"]!["total"]!["executionRate"]!.GetValue<decimal>(), given, sheet["total"]!.GetValue<decimal>(),
             sheet["grade"]!.GetValue<string>()));
        // The indicator scores and the execution score add up to the total the table prints (《丰台报》: 8.8 + 86.4 = 95.2).
        Assert.Equal(decimal.Parse(total), given + indicatorScores);
        Assert.Equal(100m, sheet["funding"]!["executionWeight"]!.GetValue<decimal>()
            + sheet["indicators"]!.AsArray().Sum(i => i!["weight"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task The_department_summary_counts_each_evaluation_type_by_band_with_the_money_involved()
    {
        var summary = (await (await Fengtai()).Get("performance")).Body!;
        var byType = summary["byType"]!.AsArray().ToDictionary(t => t!["type"]!.GetValue<string>(), t => t!);
        Assert.Equal((14, 14, 100m, 31_259_400.00m),
            (summary["projects"]!.GetValue<int>(), summary["evaluated"]!.GetValue<int>(), summary["coverage"]!.GetValue<decimal>(),
             summary["amount"]!.GetValue<decimal>()));
        Assert.Equal((1, 3_220_600.00m, "1/0/0/0"),
            (byType["department"]["count"]!.GetValue<int>(), byType["department"]["amount"]!.GetValue<decimal>(),
             Bands(byType["department"])));
        Assert.Equal((13, 28_038_800.00m, "9/3/1/0"),
            (byType["self"]["count"]!.GetValue<int>(), byType["self"]["amount"]!.GetValue<decimal>(), Bands(byType["self"])));
    }

    private static string Bands(JsonNode type) =>
        string.Join("/", new[] { "excellent", "good", "fair", "poor" }.Select(b => type["grades"]![b]!.GetValue<int>()));

    /// <summary>The seed's paragraph (第四部分 一), but for one thousands separator it prints in 2,803.88 and nowhere else.</summary>
    private const string SeedParagraph =
        "北京市丰台区融媒体中心对2020年度部门项目支出实施绩效评价，评价项目14个，" +
        "占部门项目总数的100%，涉及金额3125.94万元。其中，部门评价项目1个，" +
        "涉及金额322.06万元，评价得分在90（含）-100分的1个、评价得分在80（含）-90分的0个、" +
        "评价得分在60（含）-80分的0个、评价得分在60分以下的0个。" +
        "单位自评项目13个，涉及金额2803.88万元，评价得分在90（含）-100分的9个、" +
        "评价得分在80（含）-90分的3个、评价得分在60（含）-80分的1个、" +
        "评价得分在60分以下的0个。";

    [Fact]
    public async Task The_paragraph_of_the_final_accounts_comes_out_of_the_evaluations_in_zh_and_en_and_in_the_report()
    {
        var api = await Fengtai();
        Assert.Equal(SeedParagraph, (await api.Get("performance")).Text("paragraph"));
        var en = (await api.Get("performance?lang=en")).Text("paragraph")!;
        Assert.StartsWith("北京市丰台区融媒体中心 evaluated the performance of its 2020 project expenditure: 14 projects, " +
            "100% of the department's projects, involving 3125.94", en);
        Assert.Contains("13 by self-evaluation, involving 2803.88 (10k yuan): " +
            "9 scored 90–100, 3 scored 80 to under 90, 1 scored 60 to under 80 and 0 below 60.", en);

        var report = await api.Get("report");
        Assert.Equal(SeedParagraph, report.Text("performance.paragraph"));
        var markdown = await api.Get("report?format=markdown");
        Assert.Contains("# 第四部分 2020年度部门绩效评价情况\n\n" + SeedParagraph, markdown.Raw);
    }

    [Theory]
    [InlineData("P01", "execution-score::8.8:9.03", "indicator-score:I04:8.8:9.03")]
    [InlineData("P02", "execution-score::9:9.97")]
    [InlineData("P03", "execution-score::9.9:9.97", "indicator-score:I07:9.9:9.97")]
    [InlineData("P04", "execution-score::8:8.39")]
    [InlineData("P05")]
    [InlineData("P06", "execution-score::9:9.34", "indicator-score:I01:4:3", "indicator-score:I04:4:3.2", "indicator-score:I05:4:3.63",
        "indicator-score:I10:3:2.45", "indicator-score:I13:5:6", "indicator-score:I14:5:6", "indicator-score:I15:5:4.8",
        "indicator-score:I16:5:6", "indicator-score:I18:8:10")]
    [InlineData("P07", "execution-score::8:9.7")]
    [InlineData("P08")]
    [InlineData("P09")]
    [InlineData("P10", "indicator-score:I01:7:9")]
    [InlineData("P11", "execution-score::9:9.25")]
    [InlineData("P12", "execution-score::9.9:9.99", "indicator-score:I04:9:9.99")]
    [InlineData("P13", "execution-score::8:8.74", "indicator-score:I04:8:8.75")]
    [InlineData("P14", "execution-score::9.9:9.93", "indicator-score:I08:9.9:9.93")]
    public async Task Every_score_that_departs_from_its_rule_is_flagged_with_both_figures(string code, params string[] flags)
    {
        var sheet = await Sheet(code);
        Assert.Equal(flags, sheet["flags"]!.AsArray().Select(f =>
            $"{f!["kind"]}:{f["indicator"]}:{f["recorded"]!.GetValue<decimal>():0.##}:{f["computed"]!.GetValue<decimal>():0.##}"));
    }

    [Fact]
    public async Task A_target_set_too_low_is_flagged_under_its_deduction_rule()
    {
        // 融媒体产品点击量: 100万 targeted, 500万 reached, (B−A)/A = 400%: the rule takes 20% of the weight 4 off;
        // the table gave 4.
        var flag = (await Sheet("P06"))["flags"]!.AsArray().Single(f => f!["indicator"]?.GetValue<string>() == "I04")!;
        Assert.Equal(("over-target-20", 4m, 3.2m),
            (flag["rule"]!.GetValue<string>(), flag["recorded"]!.GetValue<decimal>(), flag["computed"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task The_Fengtai_Daily_table_as_markdown_is_laid_out_like_the_seeds()
    {
        var markdown = await (await Fengtai()).Get("appropriations/P01/performance?format=markdown");
        Assert.Equal(HttpStatusCode.OK, markdown.Status);
        Assert.Equal("text/markdown", markdown.ContentType);
        var lines = markdown.Raw.Split('\n');
        Assert.Equal("## 项目支出绩效评价表（2020年度）", lines[0]);
        Assert.Contains("| 项目负责人 | 赵智和 | 联系电话 | 63868508 |", lines);
        Assert.Contains("| 年度资金总额 | 322.06 | 322.06 | 290.88 | 10 | 90.32% | 8.8 |", lines);
        Assert.Contains("| 其中：当年财政拨款 | 322.06 | 322.06 | 290.88 | — | 90.32% | — |", lines);
        Assert.Contains("| 产出指标 | 数量指标 | 全年预计57期、每期60000份《丰台报》的顺利出刊 " +
            "| 57期 | 67期 | 10 | 10 |  |", lines);
        Assert.Contains("| 满意度指标 | 服务对象满意度指标 " +
            "| 《丰台报》得到区领导、相关委办局、街乡镇和社区居民的好评 " +
            "| ≥90% | 好评率达到90% | 10 | 9.3 | 投递到户率有待加强 |", lines);
        Assert.Contains("| 总分 |  |  |  |  | 100 | 95.2 |  |", lines);
        Assert.Contains("- 执行率得分为8.8分，按规则（分值10×执行率90.32%，不超过分值）应为9.03分。", lines);
    }

    [Fact]
    public async Task A_project_with_money_from_other_sources_fills_that_row_of_the_table()
    {
        var funding = (await Sheet("P10"))["funding"]!;   // 媒体融合发展扶持资金: 其他资金 10.00, all executed
        Assert.Null(funding["currentYear"]!["adjusted"]);
        Assert.Equal((100_000.00m, 100_000.00m),
            (funding["other"]!["adjusted"]!.GetValue<decimal>(), funding["other"]!["executed"]!.GetValue<decimal>()));
    }
}
