using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>The execution report against figures worked out by hand.</summary>
public sealed class ExecutionReportTests(LedgerApp app) : LedgerTest(app)
{
    private async Task<Api> Ledger()
    {
        var api = NewDistrict();
        // D01 project line in 20708: 1000 + 200 − 50 = 1150 adjusted; 300 (Q1) + 100.55 (Q3) executed.
        await api.Enact("A", 1_000m, "2070899", "project", "D01", projectCode: "PRJ-A");
        await api.Adjust("A", "S1", "supplement", 200m);
        await api.Adjust("A", "R1", "reduction", 50m, "收回");
        await api.Disburse("A", "VA1", 300m, "2020-02-01");
        await api.Disburse("A", "VA2", 100.55m, "2020-08-01");
        // D01 mid-year project line in 20701 from other funds: 0 + 100 adjusted; 97 executed (Q2).
        await api.Enact("B", 0m, "2070101", "project", "D01", "other", projectCode: "PRJ-B");
        await api.Adjust("B", "S1", "supplement", 100m);
        await api.Disburse("B", "VB1", 97m, "2020-05-01");
        // D02 basic lines: 800 adjusted with 1 executed; 3 adjusted with 2 executed (both Q4).
        await api.Enact("C", 800m, "2080505", "basic", "D02");
        await api.Disburse("C", "VC1", 1m, "2020-10-01");
        await api.Enact("D", 3m, "2210201", "basic", "D02");
        await api.Disburse("D", "VD1", 2m, "2020-12-01");
        return api;
    }

    [Fact]
    public async Task By_department_gives_the_hand_worked_figures_and_rates()
    {
        var api = await Ledger();
        var report = await api.Get("execution?by=department");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var d01 = report.Node("rows")![0]!;
        var d02 = report.Node("rows")![1]!;
        Assert.Equal("D01", d01["key"]!.GetValue<string>());
        Assert.Equal(1_250.00m, d01["adjusted"]!.GetValue<decimal>());
        Assert.Equal(497.55m, d01["executed"]!.GetValue<decimal>());
        Assert.Equal(39.80m, d01["executionRate"]!.GetValue<decimal>());    // 497.55 / 1250 = 39.804 %
        Assert.Equal(803.00m, d02["adjusted"]!.GetValue<decimal>());
        Assert.Equal(0.37m, d02["executionRate"]!.GetValue<decimal>());     // 3 / 803 = 0.3736 %
        Assert.Equal(2_053.00m, report.Money("totals.adjusted"));
        Assert.Equal(500.55m, report.Money("totals.executed"));
        Assert.Equal(24.38m, report.Money("totals.executionRate"));        // 500.55 / 2053 = 24.381 %
        Assert.Equal(1_803.00m, report.Money("totals.original"));
        Assert.Equal(300.00m, report.Money("totals.supplements"));
        Assert.Equal(50.00m, report.Money("totals.reductions"));
    }

    [Fact]
    public async Task Rates_round_half_away_from_zero()
    {
        var api = await Ledger();
        var c = await api.Appropriation("C");
        Assert.Equal(0.13m, c.Money("executionRate"));   // 1 / 800 = 0.125 % exactly: banker's rounding would say 0.12
        Assert.Equal(66.67m, (await api.Appropriation("D")).Money("executionRate"));
    }

    [Theory]
    [InlineData("function-class", "207:1250.00:497.55", "208:800.00:1.00", "221:3.00:2.00")]
    [InlineData("function-section", "20701:100.00:97.00", "20708:1150.00:400.55", "20805:800.00:1.00", "22102:3.00:2.00")]
    [InlineData("function-item", "2070101:100.00:97.00", "2070899:1150.00:400.55", "2080505:800.00:1.00", "2210201:3.00:2.00")]
    [InlineData("kind", "basic:803.00:3.00", "project:1250.00:497.55")]
    [InlineData("fund-source", "general-budget:1953.00:403.55", "other:100.00:97.00")]
    [InlineData("project", "PRJ-A:1150.00:400.55", "PRJ-B:100.00:97.00", "basic:803.00:3.00")]
    [InlineData("quarter", "Q1:0.00:300.00", "Q2:0.00:97.00", "Q3:0.00:100.55", "Q4:0.00:3.00")]
    public async Task Every_grouping_gives_its_rows_and_they_foot_to_the_totals(string by, params string[] expected)
    {
        var api = await Ledger();
        var report = await api.Get($"execution?by={by}");

        var rows = report.Node("rows")!.AsArray()
            .Select(r => $"{r!["key"]}:{r["adjusted"]!.GetValue<decimal>():0.00}:{r["executed"]!.GetValue<decimal>():0.00}").ToArray();
        Assert.Equal(expected, rows);
        Assert.Equal(500.55m, report.Node("rows")!.AsArray().Sum(r => r!["executed"]!.GetValue<decimal>()));
        Assert.Equal(500.55m, report.Money("totals.executed"));
        if (by != "quarter")
            Assert.Equal(report.Money("totals.adjusted"), report.Node("rows")!.AsArray().Sum(r => r!["adjusted"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task An_unknown_grouping_is_a_400_naming_by()
    {
        var api = NewDistrict();
        var answer = await api.Get("execution?by=colour");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["by"], answer.ErrorFields);
    }

    [Fact]
    public async Task Repeated_reads_are_answered_from_the_cache_until_the_next_write_changes_the_figures()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 100m);
        var first = await api.Get("execution?by=function-section");
        long hits = 0;
        using (var meter = new System.Diagnostics.Metrics.MeterListener())
        {
            meter.InstrumentPublished = (i, l) => { if (i.Name == "fundledger.report_cache.hits") l.EnableMeasurementEvents(i); };
            meter.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref hits, v));
            meter.Start();
            var again = await api.Get("execution?by=function-section");
            Assert.Equal(first.Raw, again.Raw);
        }
        Assert.Equal(1, hits);
        Assert.Equal(100m, first.Money("totals.executed"));

        await api.Disburse("A", "V2", 50m);      // a new head: the cached figures must not be served
        Assert.Equal(150m, (await api.Get("execution?by=function-section")).Money("totals.executed"));
        await api.Enact("B", 500m);
        Assert.Equal(1_500m, (await api.Get("execution?by=function-section")).Money("totals.adjusted"));
        // Another district's writes leave this district's figures alone, and the other way round.
        var other = NewDistrict();
        await other.Enact("A", 10m);
        Assert.Equal(10m, (await other.Get("execution?by=function-section")).Money("totals.adjusted"));
        Assert.Equal(1_500m, (await api.Get("execution?by=function-section")).Money("totals.adjusted"));
    }
}
