using FundLedger.Appropriations;
using FundLedger.Reporting;

namespace FundLedger.Tests.Reporting;

public sealed class ExecutionGroupingTests
{
    private static readonly Appropriation[] Lines =
    [
        Build.Line(0.05m, 0.01m, code: "A", department: "D1", functionClass: "2070101"),
        Build.Line(0.05m, 0.02m, code: "B", department: "D2", functionClass: "2070899"),
        Build.Line(100m, 33.33m, code: "C", department: "D2", functionClass: "2080505", kind: AppropriationKind.Basic),
    ];

    [Theory]
    [MemberData(nameof(AllDimensions))]
    public void Rows_foot_exactly_to_the_totals(string by)
    {
        var report = ExecutionGrouping.Build(2020, by, Lines);
        Assert.Equal(report.Totals.Executed, report.Rows.Sum(r => r.Executed));
        Assert.Equal(33.36m, report.Totals.Executed);
        if (by != "quarter") Assert.Equal(report.Totals.Adjusted, report.Rows.Sum(r => r.Adjusted));
    }

    public static TheoryData<string> AllDimensions() => new(ExecutionGrouping.Dimensions);

    [Fact]
    public void The_rate_of_a_group_is_taken_from_its_sums_not_averaged_from_its_rows()
    {
        var report = ExecutionGrouping.Build(2020, "function-class", Lines);
        var culture = report.Rows.Single(r => r.Key == "207");
        Assert.Equal(0.10m, culture.Adjusted);
        Assert.Equal(30.00m, culture.ExecutionRate);   // 0.03 / 0.10, whereas the mean of 20 % and 40 % is also 30: check a lopsided pair
        var mixed = ExecutionGrouping.Build(2020, "kind", Lines).Totals;
        Assert.Equal(33.33m, mixed.ExecutionRate);     // 33.36 / 100.10 = 33.3267 %
    }
}
