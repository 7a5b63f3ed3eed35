using FundLedger.Kernel;
using FundLedger.Appropriations;
using FundLedger.Reporting;

namespace FundLedger.Tests.Reporting;

public sealed class YearOverYearTests
{
    private static Appropriation Line(
        int year, string name, decimal adjusted, string? project = null, FundSource fund = FundSource.GeneralBudget) =>
        Build.Line(adjusted, code: name) with
        {
            Year = year,
            Name = name,
            ProjectCode = project,
            FundSource = fund,
            OriginFundSource = fund,
        };

    [Fact]
    public void Lines_match_by_project_code_and_a_line_gone_this_year_decreases_to_zero()
    {
        var current = new[]
        {
            Line(2020, "《丰台报》相关费用", 322.06m, "FT-P01"), Line(2020, "建设项目", 2000m, "FT-P05"),
            Line(2020, "other money", 10m, fund: FundSource.Other),
        };
        var previous = new[]
        {
            Line(2019, "丰台报费用", 342.18m, "FT-P01"), Line(2019, "区级融媒体中心建设", 1011.86m, "FT-QJ"),
        };

        var changes = YearOverYear.Compare(current, previous);

        Assert.Equal(new[] { "FT-P05:New:2000.00", "FT-P01:Decrease:-20.12", "FT-QJ:Decrease:-1011.86" }.Order(),
            changes.Select(c => $"{c.Key}:{c.Change}:{c.Difference}").Order());
        Assert.Equal("《丰台报》相关费用", changes.Single(c => c.Key == "FT-P01").Name);
    }

    [Fact]
    public void The_explanation_groups_new_increased_and_reduced_lines()
    {
        var current = new[] { Line(2020, "A", 3_000_000m), Line(2020, "B", 500_000m) };
        var previous = new[] { Line(2019, "A", 1_000_000m), Line(2019, "C", 300_000m) };
        var text = ExplanationFormatter.ExplainYearOverYear(2020, Money.Of(3_500_000m), Money.Of(1_300_000m),
            YearOverYear.Compare(current, previous), Language.Chinese);
        Assert.Equal("2020年度财政拨款收、支总计350.00万元，比上年增加220.00万元，增长169.23%。" +
            "主要原因：新增B50.00万元；A增加200.00万元；C减少30.00万元。", text);
    }
}
