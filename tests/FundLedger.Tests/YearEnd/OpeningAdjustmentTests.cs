using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Appropriations;
using FundLedger.Kernel;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.YearEnd;

/// <summary>调整年初结转和结余, decided without a database: only carried money, a decrease at most what is left.</summary>
public sealed class OpeningAdjustmentDecisionTests
{
    private static readonly AppropriationCarriedOver Carried = new("A-JZ2020", 2021, "line", "D01", "dept", null,
        AppropriationKind.Project, "2070899", null, Money.Of(600m), CarryForwardKind.TreasuryReturnable, 2020, "A",
        FundSource.GeneralBudget, "项目未完工", "u", "c", Build.Now);

    private static AdjustOpeningBalance.Command Change(decimal change) =>
        new("T1", Money.Of(change), "财政收回", null, new DateOnly(2021, 1, 15));

    [Fact]
    public void A_decrease_may_take_what_is_left_of_the_carried_money_and_no_more()
    {
        var line = Appropriation.CarriedOver(Carried).Then(Build.Paid("A-JZ2020", "V1", 100m, new DateOnly(2021, 1, 10)), 2);

        var (all, _) = AdjustOpeningBalance.Decide(line, Change(-500m), Build.Actor, Build.Now);
        var (_, beyond) = AdjustOpeningBalance.Decide(line, Change(-500.01m), Build.Actor, Build.Now);

        var after = line.Then(all!, 3);
        Assert.Equal((100m, -500m, 600m, 0m), (after.Original.Yuan, after.OpeningAdjustment.Yuan, after.CarriedFrom!.Amount.Yuan,
            after.Available.Yuan));
        Assert.Equal(("opening-adjustment-beyond-balance", 409), (beyond!.Type, beyond.Status));
    }

    [Fact]
    public void A_line_enacted_in_its_year_has_no_opening_balance_to_adjust()
    {
        var (_, refusal) = AdjustOpeningBalance.Decide(Build.Line(100m), Change(10m), Build.Actor, Build.Now);
        Assert.Equal("not-carried-over", refusal!.Type);
    }
}

/// <summary>
/// 调整年初结转和结余 through the API: recorded once as an event, the line's 年初 restated with the carry's link unchanged, and
/// the next year's accounts printing it beside the opening balance so that 本年年初 = 上年年末 + 调整 (rule C-01).
/// </summary>
public sealed class OpeningAdjustmentTests(LedgerApp app) : LedgerTest(app)
{
    private const string Problems = "https://fundledger.org/problems/";

    private static Task<Answer> Adjust(Api api, string code, string id, decimal amount, string type = "decrease",
        string on = "2021-01-15") =>
        api.Post($"appropriations/{code}/opening-adjustments",
            new { adjustmentId = id, type, amount, reason = "财政收回上年结转资金", effectiveOn = on });

    private static JsonNode Row(JsonNode table, string name) =>
        table["rows"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!;

    private static decimal Wan(JsonNode row, string column) => row["cells"]![column]!["wan"]!.GetValue<decimal>();

    [Fact]
    public async Task A_carried_over_lines_opening_is_restated_once_and_the_accounts_foot_with_last_year()
    {
        var y2020 = NewDistrict();
        var y2021 = y2020.InYear(2021);
        await y2020.Enact("A", 100_000m);
        await y2020.Disburse("A", "V1", 40_000m);
        Assert.Equal(HttpStatusCode.Created, (await y2020.CarryForward("A", 60_000m)).Status);
        await y2021.Enact("OWN", 10_000m);

        var first = await Adjust(y2021, "A-JZ2020", "TZ-1", 20_000m);
        var retry = await Adjust(y2021, "A-JZ2020", "TZ-1", 20_000m);
        var otherBody = await Adjust(y2021, "A-JZ2020", "TZ-1", 30_000m);
        var own = await Adjust(y2021, "OWN", "TZ-2", 1m);
        var beyond = await Adjust(y2021, "A-JZ2020", "TZ-3", 40_000.01m);
        var badType = await Adjust(y2021, "A-JZ2020", "TZ-4", 1m, type: "lapse");
        var zero = await Adjust(y2021, "A-JZ2020", "TZ-5", 0m);
        var lastYear = await Adjust(y2021, "A-JZ2020", "TZ-6", 1m, on: "2020-12-31");
        var up = await Adjust(y2021, "A-JZ2020", "TZ-7", 5_000m, type: "increase");

        Assert.Equal((HttpStatusCode.Created, 40_000m, -20_000m, 60_000m), (first.Status, first.Money("original"),
            first.Money("openingAdjustment"), first.Money("carriedFrom.amount")));
        Assert.True(retry.Replayed);
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}opening-adjustment-conflict"), (otherBody.Status, otherBody.Text("type")));
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}not-carried-over"), (own.Status, own.Text("type")));
        Assert.Equal((HttpStatusCode.Conflict, $"{Problems}opening-adjustment-beyond-balance"), (beyond.Status, beyond.Text("type")));
        Assert.Equal(["type"], badType.ErrorFields);
        Assert.Equal(["amount"], zero.ErrorFields);
        Assert.Equal(["effectiveOn"], lastYear.ErrorFields);
        Assert.Equal((45_000m, -15_000m, 45_000m), (up.Money("original"), up.Money("openingAdjustment"), up.Money("available")));
        Assert.Equal(2, await App.CountEventsAsync(y2020.District, "opening_balance_adjusted"));
        // The source line's carry is the amount carried: the restatement is the target's, not an edit of last year.
        Assert.Equal(60_000m, (await y2020.Appropriation("A")).Money("carried"));
        Assert.Null((await y2021.Appropriation("OWN")).Node("openingAdjustment"));

        var accounts = (await y2021.Get("final-accounts")).Body!;
        Assert.Equal(4.50m, Wan(Row(accounts["incomeExpenditureSummary"]!, "年初结转和结余"), "income"));
        var total = Row(accounts["balancesByFund"]!, "合计");
        Assert.Equal((4.50m, -1.50m, 1.00m), (Wan(total, "opening"), Wan(total, "openingAdjustment"), Wan(total, "income")));
        var checks = await y2021.Get("final-accounts/checks");
        var continuity = checks.Node("rules")!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "C-01")!;
        // 2020 closes with 6.00 (10.00 in, 4.00 spent); 2021 opens with 6.00 − 1.50.
        Assert.Equal((true, "4.50 = 4.50"), (continuity["passed"]!.GetValue<bool>(), continuity["detail"]!.GetValue<string>()));
        Assert.True(checks.Node("passed")!.GetValue<bool>());
    }
}
