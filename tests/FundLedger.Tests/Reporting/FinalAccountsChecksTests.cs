using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>
/// The 审核 rules: the ledger's own tables pass every rule in every sample year, and a published set with one figure changed
/// is answered with that figure and the rule it breaks.
/// </summary>
public sealed class FinalAccountsChecksTests(LedgerApp app) : LedgerTest(app), IAsyncLifetime
{
    private Api _api = null!;

    public async Task InitializeAsync()
    {
        _api = NewDistrict();
        await Samples.LoadFengtaiAsync(_api);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(2018)]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2021)]
    public async Task The_ledgers_own_tables_pass_every_rule(int year)
    {
        var checks = await _api.InYear(year).Get("final-accounts/checks");

        Assert.Equal(HttpStatusCode.OK, checks.Status);
        var rules = checks.Node("rules")!.AsArray();
        Assert.True(rules.Count >= 20, checks.Raw);
        // The identities all hold. What does not is 2020's: the two 追加 the seed gives no reason for (recorded as placeholders,
        // dataset README assumption 14), and the two projects whose balance lapsed below 90% without a reason.
        var failing = rules.Where(r => !r!["passed"]!.GetValue<bool>())
            .ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["detail"]!.GetValue<string>());
        Assert.Equal(year == 2020 ? ["R-01", "R-02"] : [], failing.Keys.Order());
        if (year == 2020)
            Assert.Equal((true, true), (failing["R-01"].EndsWith(": B20-01, B20-02"), failing["R-02"].EndsWith(": P04, P13")));
        Assert.True(checks.Node("passed")!.GetValue<bool>());
        // Continuity holds from 2019 on (2018 is the first year): 2020 opens with 2019's 1047.32 less the 476.62 recovered.
        Assert.Equal(year > 2018, rules.Any(r => r!["id"]!.GetValue<string>() == "C-01"));
        if (year == 2020)
            Assert.Equal("570.70 = 570.70", rules.Single(r => r!["id"]!.GetValue<string>() == "C-01")!["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("T1-01", "incomeExpenditureSummary", "八、其他收入", "income")]
    [InlineData("T1-02", "incomeExpenditureSummary", "使用非财政拨款结余", "income")]
    [InlineData("T1-03", "incomeExpenditureSummary", "结余分配", "expenditure")]
    [InlineData("T1-04", "incomeExpenditureSummary", "支出总计", "expenditure")]
    [InlineData("T1-05", "incomeExpenditureSummary", "207", "expenditure")]
    [InlineData("T2-01", "income", "合计", "total")]
    [InlineData("T2-02", "income", "合计", "fiscal")]
    [InlineData("T3-01", "expenditure", "合计", "total")]
    [InlineData("T3-02", "expenditure", "合计", "basic")]
    [InlineData("T4-01", "appropriationSummary", "支出总计", "total")]
    [InlineData("T4-02", "appropriationSummary", "本年支出合计", "generalBudget")]
    [InlineData("T5-01", "generalBudgetExpenditure", "合计", "project")]
    [InlineData("T6-01", "generalBudgetBasicExpenditure", "合计", "personnel")]
    [InlineData("T6-02", "generalBudgetBasicExpenditure", "合计", "total")]
    [InlineData("T7-01", "threePublicExpenses", "决算数", "hospitality")]
    [InlineData("T7-02", "threePublicExpenses", "决算数", "vehicleUpkeep")]
    [InlineData("T7-03", "threePublicExpenses", "预算数", "travelAbroad")]
    [InlineData("T8-01", "governmentFund", "合计", "closing")]
    [InlineData("T8-02", "governmentFund", "合计", "total")]
    [InlineData("T9-01", "stateCapital", "合计", "total")]
    [InlineData("C-01", "incomeExpenditureSummary", "年初结转和结余", "income")]
    [InlineData("C-01", "balancesByFund", "合计", "openingAdjustment")]
    [InlineData("B-01", "balancesByFund", "合计", "opening")]
    [InlineData("B-02", "balancesByFund", "合计", "income")]
    [InlineData("B-03", "balancesByFund", "合计", "usedSurplus")]
    [InlineData("B-04", "balancesByFund", "合计", "expenditure")]
    [InlineData("B-05", "balancesByFund", "合计", "distributed")]
    [InlineData("B-06", "balancesByFund", "合计", "closing")]
    [InlineData("B-07", "balancesByFund", "一般公共预算财政拨款", "closing")]
    public async Task A_published_set_with_one_wrong_figure_is_answered_with_the_figure_and_the_rule_it_breaks(
        string rule, string table, string row, string column)
    {
        var published = (await _api.Get("final-accounts")).Body!;
        var cell = published[table]!["rows"]!.AsArray()
            .First(r => r!["name"]!.GetValue<string>() == row || r["code"]?.GetValue<string>() == row)!["cells"]![column]!;
        var ledger = cell["wan"]!.GetValue<decimal>();
        cell["wan"] = ledger + 1.23m;

        var checks = await _api.Post("final-accounts/checks", published.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, checks.Status);
        Assert.False(checks.Node("passed")!.GetValue<bool>());
        var broken = checks.Node("rules")!.AsArray().Where(r => !r!["passed"]!.GetValue<bool>()).Select(r => r!["id"]!.GetValue<string>());
        Assert.Contains(rule, broken);
        var difference = checks.Node("differences")!.AsArray().Single()!;
        Assert.Equal((table, row, column, ledger + 1.23m, ledger), (difference["table"]!.GetValue<string>(),
            difference["row"]!.GetValue<string>(), difference["column"]!.GetValue<string>(), difference["published"]!.GetValue<decimal>(),
            difference["ledger"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task An_empty_table_published_without_its_note_is_a_hint_and_the_unchanged_set_passes()
    {
        var published = (await _api.Get("final-accounts")).Body!;
        Assert.True((await _api.Post("final-accounts/checks", published.ToJsonString())).Node("passed")!.GetValue<bool>());
        published["governmentFund"]!["emptyNote"] = null;

        var checks = await _api.Post("final-accounts/checks", published.ToJsonString());

        var hint = checks.Node("rules")!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "E-08")!;
        Assert.Equal(("hint", "提示", false), (hint["severity"]!.GetValue<string>(), hint["severityName"]!.GetValue<string>(),
            hint["passed"]!.GetValue<bool>()));
        // A hint is not a definite failure, and no figure differs.
        Assert.True(checks.Node("passed")!.GetValue<bool>());
    }

    /// <summary>The 说明's figures against the tables: one stated figure changed breaks its rule and is the one difference.</summary>
    [Theory]
    [InlineData("S-01", "grandTotal")]
    [InlineData("S-02", "income")]
    [InlineData("S-03", "expenditure")]
    [InlineData("S-04", "basic")]
    [InlineData("S-05", "project")]
    [InlineData("S-06", "generalBudgetExpenditure")]
    [InlineData("S-07", "generalBudgetByClass.221")]
    [InlineData("S-08", "generalBudgetBasic")]
    [InlineData("S-09", "personnel")]
    [InlineData("S-10", "public")]
    [InlineData("S-11", "threePublic")]
    [InlineData("S-12", "threePublicBudget")]
    public async Task A_published_explanation_that_states_a_figure_its_tables_do_not_breaks_the_rule_between_them(string rule,
        string figure)
    {
        var published = (await _api.Get("final-accounts")).Body!;
        var parent = figure.Contains('.') ? published["explanation"]![figure.Split('.')[0]]! : published["explanation"]!;
        var key = figure.Split('.')[^1];
        var ledger = parent[key]!.GetValue<decimal>();
        parent[key] = ledger + 0.50m;

        var checks = await _api.Post("final-accounts/checks", published.ToJsonString());

        var broken = checks.Node("rules")!.AsArray().Where(r => !r!["passed"]!.GetValue<bool>()).Select(r => r!["id"]!.GetValue<string>());
        Assert.Equal([rule], broken);
        var difference = checks.Node("differences")!.AsArray().Single()!;
        Assert.Equal(("explanation", figure, ledger + 0.50m, ledger), (difference["table"]!.GetValue<string>(),
            difference["row"]!.GetValue<string>(), difference["published"]!.GetValue<decimal>(),
            difference["ledger"]!.GetValue<decimal>()));
    }

    /// <summary>
    /// The ledger's own 说明 states what its tables carry (2020: 5431.17, 3376.86, 住房保障 333.96, 基本支出 2330.53).
    /// </summary>
    [Fact]
    public async Task The_ledgers_explanation_figures_are_its_tables_figures()
    {
        var explanation = (await _api.Get("final-accounts")).Node("explanation")!;

        Assert.Equal((5431.17m, 4860.47m, 3386.86m, 3376.86m, 333.96m, 2330.53m), (explanation["grandTotal"]!.GetValue<decimal>(),
            explanation["income"]!.GetValue<decimal>(), explanation["expenditure"]!.GetValue<decimal>(),
            explanation["generalBudgetExpenditure"]!.GetValue<decimal>(), explanation["generalBudgetByClass"]!["221"]!.GetValue<decimal>(),
            explanation["generalBudgetBasic"]!.GetValue<decimal>()));
    }
}
