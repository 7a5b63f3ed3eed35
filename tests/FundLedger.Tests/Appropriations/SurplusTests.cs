using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

/// <summary>
/// 使用非财政拨款结余 (a line funded from the unit's surplus of earlier years) and 结余分配 (part of a non-fiscal line's
/// unspent money distributed), through the API: recorded as events, and in 表一, the balances by fund and the 说明.
/// </summary>
public sealed class SurplusTests(LedgerApp app) : LedgerTest(app)
{
    private const string Problems = "https://fundledger.org/problems/";

    private static Task<Answer> Distribute(Api api, string code, string id, decimal amount, string kind = "welfare-fund",
        string on = "2020-12-30") =>
        api.Post($"appropriations/{code}/surplus-distributions",
            new { distributionId = id, kind, amount, reason = "按规定提取职工福利基金", distributedOn = on });

    private static JsonNode Row(JsonNode table, string name, string? side = null) => table["rows"]!.AsArray()
        .Single(r => r!["name"]!.GetValue<string>() == name && (side is null || r["side"]?.GetValue<string>() == side))!;

    private static decimal Wan(JsonNode row, string column) => row["cells"]![column]!["wan"]!.GetValue<decimal>();

    [Fact]
    public async Task Surplus_used_and_distributed_are_recorded_once_and_foot_in_the_summary_the_balances_and_the_explanation()
    {
        var api = NewDistrict();
        await api.Enact("BIZ", 500_000m, fundSource: "business");
        await api.Enact("SUR", 80_000m, kind: "basic", fundSource: "non-fiscal-surplus", economicClass: "302");
        await api.Enact("GB", 100_000m);
        await api.Disburse("BIZ", "B1", 300_000m);
        await api.Disburse("SUR", "S1", 60_000m);
        await api.Disburse("GB", "G1", 100_000m);

        var first = await Distribute(api, "BIZ", "FP-1", 50_000m);
        var retry = await Distribute(api, "BIZ", "FP-1", 50_000m);
        var otherBody = await Distribute(api, "BIZ", "FP-1", 40_000m);
        var fiscal = await Distribute(api, "GB", "FP-2", 1m);
        var beyond = await Distribute(api, "BIZ", "FP-3", 150_000.01m);
        var badKind = await Distribute(api, "BIZ", "FP-4", 1m, kind: "bonus");
        var zero = await Distribute(api, "BIZ", "FP-5", 0m);
        var nextYear = await Distribute(api, "BIZ", "FP-6", 1m, on: "2021-01-05");

        Assert.Equal((HttpStatusCode.Created, 50_000m, 150_000m), (first.Status, first.Money("distributed"), first.Money("available")));
        Assert.True(retry.Replayed);
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}distribution-conflict"), (otherBody.Status, otherBody.Text("type")));
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}fiscal-not-distributable"), (fiscal.Status, fiscal.Text("type")));
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}distribution-beyond-balance"), (beyond.Status, beyond.Text("type")));
        Assert.Equal(["kind"], badKind.ErrorFields);
        Assert.Equal(["amount"], zero.ErrorFields);
        Assert.Equal(["distributedOn"], nextYear.ErrorFields);
        Assert.Equal(1, await App.CountEventsAsync(api.District, "surplus_distributed"));

        var accounts = (await api.Get("final-accounts")).Body!;
        var summary = accounts["incomeExpenditureSummary"]!;
        // 本年收入 50 + 10; 8 from earlier surplus; spent 30 + 6 + 10; 5 distributed; left 15 (BIZ) + 2 (SUR).
        Assert.Equal((60.00m, 8.00m, 68.00m), (Wan(Row(summary, "本年收入合计"), "income"),
            Wan(Row(summary, "使用非财政拨款结余"), "income"), Wan(Row(summary, "收入总计"), "income")));
        Assert.Equal((46.00m, 5.00m, 17.00m, 68.00m), (Wan(Row(summary, "本年支出合计"), "expenditure"),
            Wan(Row(summary, "结余分配"), "expenditure"), Wan(Row(summary, "年末结转和结余"), "expenditure"),
            Wan(Row(summary, "支出总计"), "expenditure")));
        var balances = accounts["balancesByFund"]!;
        var business = Row(balances, "事业");
        Assert.Equal((50.00m, 30.00m, 5.00m, 15.00m), (Wan(business, "income"), Wan(business, "expenditure"),
            Wan(business, "distributed"), Wan(business, "closing")));
        var used = Row(balances, "使用非财政拨款结余");
        Assert.Equal((0m, 8.00m, 6.00m, 2.00m), (Wan(used, "income"), Wan(used, "usedSurplus"), Wan(used, "expenditure"),
            Wan(used, "closing")));
        Assert.Equal(0m, Wan(Row(balances, "一般公共预算财政拨款"), "closing"));

        var checks = await api.Get("final-accounts/checks");
        Assert.True(checks.Node("passed")!.GetValue<bool>());
        Assert.Contains(checks.Node("rules")!.AsArray(), r => r!["id"]!.GetValue<string>() == "B-07");

        var report = await api.Get("report?department=D01");
        Assert.Equal((80_000m, 50_000m), (report.Money("fundIdentity.usedSurplus"), report.Money("fundIdentity.distributed")));
        Assert.Contains("年初结转和结余0.00万元 + 本年收入60.00万元 + 使用非财政拨款结余8.00万元 = " +
            "本年支出46.00万元 + 结余分配5.00万元",
            report.Text("markdown"));
        Assert.Equal(50_000m, (await api.Get("appropriations/BIZ")).Money("distributed"));
        Assert.Null((await api.Get("appropriations/GB")).Node("distributed"));
    }
}
