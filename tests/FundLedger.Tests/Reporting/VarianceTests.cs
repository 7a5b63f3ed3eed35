using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>Variance through the API: reasons come from the recorded events, with their sequence numbers.</summary>
public sealed class VarianceTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Section_20701_is_explained_by_its_carry_forward_after_the_year_is_closed()
    {
        var api = NewDistrict();
        await api.Enact("JS1", 20_000_000m, "2070199");
        await api.Enact("AYDP", 710_000m, "2070199", projectCode: "AY");
        await api.Disburse("AYDP", "V1", 707_900m, "2020-10-01");
        await api.Enact("GYGG", 0m, "2070199", projectCode: "GY");
        await api.Adjust("GYGG", "S1", "supplement", 100_000m, "追加 公益广告专项扶持资金");
        await api.Disburse("GYGG", "V2", 97_000m, "2020-11-01");
        await api.Post("appropriations", new
        {
            code = "OTHER", name = "媒体融合发展扶持资金", department = new { code = "D01", name = "d" }, kind = "project",
            functionClass = "2070899", fundSource = "other", originalAmount = 0m, enactedOn = "2020-01-01",
        });
        await api.CarryForward("JS1", 20_000_000m);
        await api.Close();

        var variance = await api.Get("variance?level=section");
        var node = variance.Node("nodes")!.AsArray().Single(n => n!["code"]!.GetValue<string>() == "20701")!;

        Assert.Equal(2071.00m, node["originalWanYuan"]!.GetValue<decimal>());
        Assert.Equal(80.49m, node["finalWanYuan"]!.GetValue<decimal>());
        Assert.Equal(-96.11m, node["changePercent"]!.GetValue<decimal>());
        Assert.Equal("2020年度决算80.49万元，比2020年年初预算减少1990.51万元，下降96.11%。" +
            "主要原因：Line JS12000.00万元未支出，作为财政应返还额度结转至2021年。",
            node["explanation"]!.GetValue<string>());
        var reasons = node["reasons"]!.AsArray();
        Assert.Equal(-1990.51m * 10_000m, reasons.Sum(r => r!["amount"]!.GetValue<decimal>()));
        Assert.Equal(["carry-forward", "new-line", "lapse", "lapse"], reasons.Select(r => r!["kind"]!.GetValue<string>()));
        // Each reason's sequences are the events behind it, as the audit feed has them: the carry-forward of JS1, the
        // supplement that made GYGG a new line, and the year-end lapses of what AYDP and GYGG left unspent.
        var feed = (await api.Get($"/api/v1/districts/{api.District}/audit/events")).Raw
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!)
            .ToDictionary(e => e["sequence"]!.GetValue<long>());
        var behind = reasons.Select(r => string.Join(", ", r!["sequences"]!.AsArray().Select(s => feed[s!.GetValue<long>()])
            .Select(e => $"{e["type"]!.GetValue<string>()} {e["stream"]!.GetValue<string>()}"))).ToList();
        Assert.Equal(["balance_carried_forward 2020/JS1", "appropriation_supplemented 2020/GYGG"], behind.Take(2));
        Assert.Equal(["balance_lapsed 2020/AYDP", "balance_lapsed 2020/GYGG"], behind.Skip(2).Order());
        // The default filter is 一般公共预算财政拨款: the line of other funds is not in the node.
        Assert.DoesNotContain(variance.Node("nodes")!.AsArray(), n => n!["code"]!.GetValue<string>() == "20708");
    }

    [Fact]
    public async Task An_open_year_names_the_unexplained_remainder_instead_of_inventing_a_reason()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000_000m, "2210201", "basic");
        await api.Adjust("A", "S1", "supplement", 135_900m, "追加 住房补贴");
        await api.Disburse("A", "V1", 600_000m, "2020-06-01");

        var node = (await api.Get("variance?level=class&lang=en")).Node("nodes")![0]!;

        Assert.Equal("221", node["code"]!.GetValue<string>());
        Assert.Equal(-400_000m, node["change"]!.GetValue<decimal>());
        Assert.Equal(
            "2020 final 60.00 (10k yuan), 40.00 below the 2020 original budget of 100.00 (−40.00%). " +
            "Main reasons: supplements: 住房补贴 13.59. " +
            "A further 53.59 is unspent and neither carried forward nor lapsed (the year is not closed); no recorded event explains it.",
            node["explanation"]!.GetValue<string>());
        Assert.Equal(["supplement", "unexplained"], node["reasons"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_parameters_are_named()
    {
        var api = NewDistrict();
        var answer = await api.Get("variance?level=province&lang=fr&fundSource=cash");
        Assert.Equal(["fundSource", "lang", "level"], answer.ErrorFields.Order(StringComparer.Ordinal));
    }
}
