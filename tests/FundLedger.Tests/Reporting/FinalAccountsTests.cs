using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>The nine standard tables of Fengtai 2020 from the samples, as JSON, markdown and an XLSX workbook read back.</summary>
public sealed class FinalAccountsTests(LedgerApp app) : LedgerTest(app), IAsyncLifetime
{
    private static readonly string[] Keys =
    [
        "incomeExpenditureSummary", "income", "expenditure", "appropriationSummary", "generalBudgetExpenditure",
        "generalBudgetBasicExpenditure", "threePublicExpenses", "governmentFund", "stateCapital",
    ];

    private Api _api = null!;

    public async Task InitializeAsync()
    {
        _api = NewDistrict();
        await Samples.LoadFengtaiAsync(_api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonNode Row(JsonNode table, string name, string? side = null) => table["rows"]!.AsArray()
        .Single(r => r!["name"]!.GetValue<string>() == name && (side is null || r["side"]?.GetValue<string>() == side))!;

    private static decimal Wan(JsonNode row, string column) => row["cells"]![column]!["wan"]!.GetValue<decimal>();

    [Fact]
    public async Task The_nine_tables_carry_the_seeds_totals_foot_and_the_empty_ones_say_so()
    {
        var answer = await _api.Get("final-accounts");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var body = answer.Body!;
        Assert.Equal(Enumerable.Range(1, 9), Keys.Select(k => body[k]!["number"]!.GetValue<int>()));
        var summary = body["incomeExpenditureSummary"]!;
        Assert.Equal((4860.47m, 10.00m, 5431.17m), (Wan(Row(summary, "本年收入合计"), "income"), Wan(Row(summary,
            "八、其他收入"), "income"),
            Wan(Row(summary, "收入总计"), "income")));
        Assert.Equal((3386.86m, 5431.17m), (Wan(Row(summary, "本年支出合计"), "expenditure"), Wan(Row(summary, "支出总计"),
            "expenditure")));
        var spent = Row(body["expenditure"]!, "合计");
        Assert.Equal((3386.86m, 2330.53m, 1056.33m, 0m), (Wan(spent, "total"), Wan(spent, "basic"), Wan(spent, "project"),
            Wan(spent, "operating")));
        Assert.Equal(5421.17m, Wan(Row(body["appropriationSummary"]!, "收入总计"), "income"));
        var general = body["generalBudgetExpenditure"]!;
        Assert.Equal(3376.86m, Wan(Row(general, "合计"), "total"));
        Assert.Equal(333.96m, Wan(general["rows"]!.AsArray().Single(r => r!["code"]?.GetValue<string>() == "221")!, "total"));
        var basic = Row(body["generalBudgetBasicExpenditure"]!, "合计");
        Assert.Equal(basic["cells"]!["total"]!["yuan"]!.GetValue<decimal>(),
            basic["cells"]!["personnel"]!["yuan"]!.GetValue<decimal>() + basic["cells"]!["public"]!["yuan"]!.GetValue<decimal>());
        foreach (var empty in new[] { "governmentFund", "stateCapital" })
        {
            Assert.Contains("故本表为空表", body[empty]!["emptyNote"]!.GetValue<string>());
            Assert.Equal(0m, Wan(Row(body[empty]!, "合计"), "total"));
        }
        Assert.Null(body["income"]!["emptyNote"]);

        var markdown = await _api.Get("final-accounts?format=markdown");
        Assert.Equal(9, markdown.Raw.Split('\n').Count(l => l.StartsWith("## 表", StringComparison.Ordinal)));
        Assert.Contains("| 本年收入合计 | 4860.47 |", markdown.Raw);
    }

    /// <summary>
    /// The seed's 第三部分 三 and 四 from the samples' contracts, payments and recorded facts: 政府采购支出 170.98万元 =
    /// 货物 0.79 + 工程 0.00 + 服务 170.18, 中小企业 0.58 (0.34%), 小微企业 0.58 (0.34%); 车辆 3台 57.14万元,
    /// 通用设备 4, 专用设备 0.
    /// </summary>
    [Fact]
    public async Task The_samples_give_the_seeds_procurement_and_assets()
    {
        var procurement = await _api.Get("procurement?department=110106001");
        var wan = procurement.Node("categories")!.AsArray()
            .ToDictionary(c => c!["category"]!.GetValue<string>(), c => c!["amountWan"]!.GetValue<decimal>());
        var profile = (await _api.Get("departments/110106001/profile")).Node("current")!;

        Assert.Equal(170.98m, procurement.Money("total.amountWan"));
        Assert.Equal(new Dictionary<string, decimal> { ["goods"] = 0.79m, ["works"] = 0.00m, ["services"] = 170.18m }, wan);
        Assert.Equal((0.58m, 0.34m, 0.58m, 0.34m), (procurement.Money("total.smeAmountWan"), procurement.Money("smeShare"),
            procurement.Money("total.smallMicroAmountWan"), procurement.Money("smallMicroShare")));
        Assert.Equal((3, 57.14m, 4, 0), (profile["vehicles"]!["count"]!.GetValue<int>(),
            Rounding.ToWanYuan(Money.Of(profile["vehicles"]!["value"]!.GetValue<decimal>())),
            profile["generalEquipmentOver500k"]!.GetValue<int>(), profile["specialEquipmentOver1m"]!.GetValue<int>()));
        Assert.Equal(3, (await _api.Get("three-public-expenses?department=110106001")).Node("vehiclesHeld")!.GetValue<int>());
    }

    /// <summary>
    /// The 决算说明 prints the seed's own sentences (transcribed from its 第二部分 一, 五, 六, 七 and 第三部分 二 to 五)
    /// for the unit, the empty funds, 基本支出, 机关运行经费, 政府采购, 国有资产 and 政府购买服务.
    /// </summary>
    [Theory]
    [InlineData("二、机关运行经费支出情况", "不属于机关运行经费统计范围")]
    [InlineData("三、政府采购支出情况",
        "2020年政府采购支出总额170.98万元，其中：政府采购货物支出0.79万元，政府采购工程支出0.00万元" +
            "，" +
        "政府采购服务支出170.18万元。授予中小企业合同金额0.58万元，占政府采购支出总额的0.34%，其中" +
            "：授予小微企业合同金额0.58万元，" +
        "占政府采购支出总额的0.34%。")]
    [InlineData("四、国有资产占用情况",
        "2020年车辆3台，57.14万元；单位价值50万元以上的通用设备4台（套），单位价值100万元以上的专用" +
            "设备0台（套）。")]
    [InlineData("五、政府购买服务支出说明", "无政府购买服务支出")]
    [InlineData("一、部门/单位基本情况", "（一）机构设置、职责")]
    [InlineData("五、政府性基金预算财政拨款支出决算情况说明", "本年度无此项支出")]
    [InlineData("六、国有资本经营预算财政拨款收支情况说明", "本年度无此项支出")]
    [InlineData("一、“三公”经费财政拨款决算情况",
        "“三公”经费包括单位所属0个行政单位、0个参照公务员法管理事业单位、1个事业单位。" +
        "2020年“三公”经费财政拨款决算数" +
        "1.40万元，比2020年“三公”经费财政拨款年初预算6.42万元减少5.02万元。其中：")]
    [InlineData("七、财政拨款基本支出决算情况说明",
        "2020年使用一般公共预算财政拨款安排基本支出2330.53万元。")]
    public async Task Part_three_and_the_units_facts_in_the_report_are_the_seeds_sentences(string heading, string sentence)
    {
        var markdown = (await _api.Get("report?format=markdown")).Raw.Split('\n');
        var at = Array.FindIndex(markdown, l => l == $"## {heading}");

        Assert.True(at > 0, heading);
        Assert.Equal(sentence, markdown[at + 2]);
    }

    /// <summary>
    /// The seed's 第三部分 一 from the samples: 年初预算 by 款 within 机构运转经费 (1.02 + 5.40), the 调剂 that moved
    /// what was not spent with the seed's reasons, and the upkeep paid by kind; 表七 prints the same budget and final.
    /// </summary>
    [Fact]
    public async Task The_seeds_three_public_expenses_are_reproduced_from_the_samples_class_budgets_shifts_and_payments()
    {
        var three = await _api.Get("three-public-expenses?department=110106001");
        var table = (await _api.Get("final-accounts")).Body!["threePublicExpenses"]!;
        var markdown = (await _api.Get("report?format=markdown")).Raw;

        var items = three.Node("items")!.AsArray().ToDictionary(i => i!["item"]!.GetValue<string>(), i => i!);
        decimal Of(string item, string figure) => items[item][figure]!.GetValue<decimal>();
        Assert.Equal((1.40m, 6.42m, -5.02m), (Of("total", "finalWan"), Of("total", "budgetWan"), Of("total", "changeWan")));
        Assert.Equal((0m, 1.02m, 1.40m, 5.40m), (Of("hospitality", "finalWan"), Of("hospitality", "budgetWan"),
            Of("vehicle-upkeep", "finalWan"), Of("vehicle-upkeep", "budgetWan")));
        Assert.Equal((0.00m, 0.18m, 0.88m, 0.34m, 3, 0.47m), (three.Money("vehicleUpkeep.fuelWan"), three.Money("vehicleUpkeep.repairWan"),
            three.Money("vehicleUpkeep.insuranceWan"), three.Money("vehicleUpkeep.otherWan"), three.Node("vehiclesHeld")!.GetValue<int>(),
            three.Money("upkeepPerVehicleWan")));
        Assert.Equal((6.42m, 1.40m), (Wan(Row(table, "预算数"), "total"), Wan(Row(table, "决算数"), "total")));
        Assert.Contains("主要原因：严格公务接待管理，减少业务性接待支出。", markdown);
        Assert.Contains("主要原因：严格公车使用管理，减少公车不必要支出。", markdown);
        Assert.Contains("公务用车加油0.00万元，公务用车维修0.18万元，" +
            "公务用车保险0.88万元，公务用车其他支出0.34万元。", markdown);
    }

    /// <summary>第二部分 一 from the unit's recorded facts: the duties as published and the staffing sentence.</summary>
    [Fact]
    public async Task The_report_states_the_units_duties_and_staff_as_the_seed_does()
    {
        var markdown = (await _api.Get("report?format=markdown")).Raw.Split('\n');

        Assert.Contains("北京市丰台区融媒体中心主要职能为：", markdown);
        Assert.Contains("1、宣传党和国家的路线、方针、政策和法律、法规，引导群众、服务群众，发挥舆论" +
            "导向作用。", markdown);
        Assert.Contains("4、贯彻落实广播电视行业技术标准，保障广播电视节目的安全播出。", markdown);
        Assert.Contains("截至2020年底，共有行政编制0人，实际0人；事业编制77人，实际69人；" +
            "离退休人员32人。", markdown);
        // 七 by 经济分类, which the seed leaves to its definitions: the classes the basic lines were paid on.
        Assert.Contains("其中：人员经费2254.08万元（工资福利支出1920.12万元、" +
            "对个人和家庭的补助333.96万元），公用经费76.45万元（商品和服务支出69.05万元、" +
            "资本性支出7.40万元）。", markdown);
        // The four 类 shares foot to 100.00% as the seed prints them: 住房保障 9.90%, not the 9.89% it rounds to alone.
        Assert.Contains(markdown, l =>
            l.Contains("一般公共服务支出2.16万元，占本年财政拨款支出0.06%", StringComparison.Ordinal)
            && l.Contains("住房保障支出333.96万元，占本年财政拨款支出9.90%。", StringComparison.Ordinal));
        // …and the residue is shown, for a reader comparing with a table that rounds each share alone.
        Assert.Contains("注：各项占比分别四舍五入后合计不为100.00%，" +
            "尾差0.01个百分点计入“住房保障支出”（单独四舍五入为9.89%）。",
            markdown);
        // 第一部分 is the nine tables themselves.
        Assert.Contains("# 第一部分 2020年度部门决算报表", markdown);
        Assert.Equal(9, markdown.Count(l => l.StartsWith("### 表", StringComparison.Ordinal)));
    }

    /// <summary>Every figure of the JSON is a number cell of its sheet holding the exact 元 / 10,000, and nothing else is.</summary>
    [Fact]
    public async Task The_workbook_has_a_sheet_per_table_and_every_cell_is_the_jsons_figure_as_a_number()
    {
        var json = (await _api.Get("final-accounts")).Body!;
        var xlsx = await _api.Send(HttpMethod.Get, "final-accounts?format=xlsx", null);

        Assert.Equal(HttpStatusCode.OK, xlsx.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.ContentType);
        var bytes = await xlsx.Response.Content.ReadAsByteArrayAsync();
        // For looking at the pages: LibreOffice converts the kept copy to PDF (the note of issue 24 says how).
        if (Environment.GetEnvironmentVariable("FUNDLEDGER_KEEP_XLSX") is { Length: > 0 } keep) await File.WriteAllBytesAsync(keep, bytes);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        // The nine standard sheets, then the balances by fund as an appendix.
        Assert.Equal(10, sheets.Count);
        Assert.Equal("附 结转和结余按资金来源", sheets[9].Name!.Value);
        for (var n = 0; n < 10; n++)
        {
            var table = json[n < 9 ? Keys[n] : "balancesByFund"]!;
            var part = (WorksheetPart)workbook.GetPartById(sheets[n].Id!);
            var cells = part.Worksheet.Descendants<Cell>().ToList();
            Assert.Empty(part.Worksheet.Descendants<CellFormula>());
            Assert.Equal(table["title"]!.GetValue<string>(), cells[0].InnerText);
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.OrientationValues.Landscape,
                part.Worksheet.Elements<PageSetup>().Single().Orientation!.Value);
            var numbers = cells.Where(c => c.DataType?.Value == CellValues.Number)
                .Select(c => decimal.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var figures = table["rows"]!.AsArray()
                .SelectMany(r => r!["cells"]!.AsObject().Select(c => c.Value!["yuan"]!.GetValue<decimal>()))
                .ToList();
            // In sheet order (rows, then columns left to right), which is the JSON's order side by side.
            Assert.Equal(figures.Order(), numbers.Select(v => v * 10_000m).Order());
            Assert.All(table["rows"]!.AsArray(), r => Assert.Contains(cells, c => c.InnerText == r!["name"]!.GetValue<string>()));
        }
    }
}
