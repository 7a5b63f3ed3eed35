using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

/// <summary>
/// 年初预算 by 经济分类 款 within a line, and 调剂 between its 款 with a reason: recorded once, refused with the field named,
/// and read back as the “三公” 年初预算 and its reasons.
/// </summary>
public sealed class EconomicBudgetTests(LedgerApp app) : LedgerTest(app)
{
    private const string Problems = "https://fundledger.org/problems/";

    private static object Line(string code, params (string Class, decimal Amount)[] budgets) => new
    {
        code, name = "机构运转经费", department = new { code = "D01", name = "Department D01" }, kind = "basic",
        functionClass = "2070801", economicClass = "302", fundSource = "general-budget", originalAmount = 100_000m,
        enactedOn = "2019-12-31", economicBudgets = budgets.Select(b => new { economicClass = b.Class, amount = b.Amount }),
    };

    private static Task<Answer> Shift(Api api, string id, string from, string to, decimal amount) =>
        api.Post("appropriations/OFF/economic-budget-shifts",
            new { shiftId = id, fromClass = from, toClass = to, amount, reason = "严格公务接待管理", effectiveOn = "2020-11-30" });

    [Fact]
    public async Task A_lines_class_budgets_are_the_three_public_budget_and_a_shift_out_of_them_is_its_reason()
    {
        var api = NewDistrict();
        var enacted = await api.Post("appropriations", Line("OFF", ("30217", 10_000m), ("30231", 20_000m)));
        var foreign = await api.Post("appropriations", Line("X1", ("30101", 1m)));
        var tooMuch = await api.Post("appropriations", Line("X2", ("30217", 60_000m), ("30231", 40_000.01m)));
        var twice = await api.Post("appropriations", Line("X3", ("30217", 1m), ("30217", 2m)));

        Assert.Equal(HttpStatusCode.Created, enacted.Status);
        Assert.Equal(["economicBudgets[0].economicClass"], foreign.ErrorFields);
        Assert.Equal(["economicBudgets"], tooMuch.ErrorFields);
        Assert.Equal(["economicBudgets[1].economicClass"], twice.ErrorFields);

        var shifted = await Shift(api, "TJ-1", "30217", "30299", 8_000m);
        var retry = await Shift(api, "TJ-1", "30217", "30299", 8_000m);
        var otherBody = await Shift(api, "TJ-1", "30217", "30299", 7_000m);
        var beyond = await Shift(api, "TJ-2", "30217", "30299", 2_000.01m);
        var outside = await Shift(api, "TJ-3", "30217", "30101", 1m);
        var same = await Shift(api, "TJ-4", "30217", "30217", 1m);

        Assert.Equal(HttpStatusCode.Created, shifted.Status);
        var budgets = shifted.Node("economicBudgets")!.AsArray()
            .ToDictionary(b => b!["economicClass"]!.GetValue<string>(),
                b => (b!["original"]!.GetValue<decimal>(), b["current"]!.GetValue<decimal>()));
        Assert.Equal((10_000m, 2_000m), budgets["30217"]);
        Assert.Equal((0m, 8_000m), budgets["30299"]);
        Assert.Equal(100_000m, shifted.Money("adjusted"));
        Assert.True(retry.Replayed);
        Assert.Equal(((HttpStatusCode)409, $"{Problems}shift-conflict"), (otherBody.Status, otherBody.Text("type")));
        Assert.Equal(((HttpStatusCode)409, $"{Problems}shift-beyond-class-budget"), (beyond.Status, beyond.Text("type")));
        Assert.Equal(["toClass"], outside.ErrorFields);
        Assert.Equal(["toClass"], same.ErrorFields);
        Assert.Equal(1, await App.CountEventsAsync(api.District, "economic_budget_shifted"));

        await api.Disburse("OFF", "V1", 5_000m, economicClass: "30231");
        var three = await api.Get("three-public-expenses?department=D01");
        var items = three.Node("items")!.AsArray().ToDictionary(i => i!["item"]!.GetValue<string>(), i => i!);
        Assert.Equal((1.00m, 0m), (items["hospitality"]["budgetWan"]!.GetValue<decimal>(),
            items["hospitality"]["finalWan"]!.GetValue<decimal>()));
        Assert.Equal((2.00m, 0.50m), (items["vehicle-upkeep"]["budgetWan"]!.GetValue<decimal>(),
            items["vehicle-upkeep"]["finalWan"]!.GetValue<decimal>()));
        var reason = items["hospitality"]["reasons"]!.AsArray().Single()!;
        Assert.Equal(("严格公务接待管理", -8_000m), (reason["label"]!.GetValue<string>(), reason["amount"]!.GetValue<decimal>()));
        Assert.Empty(items["vehicle-upkeep"]["reasons"]!.AsArray());
    }
}
