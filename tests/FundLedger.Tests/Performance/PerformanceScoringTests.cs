using FundLedger.Appropriations;

namespace FundLedger.Tests.Performance;

/// <summary>The seed's scoring rules (填报注意事项), each edge of each band.</summary>
public sealed class PerformanceScoringTests
{
    [Theory]
    [InlineData("2908844.65", "3220600.00", "9.03")]   // 《丰台报》: 10 × 90.32%; the table gives 8.8
    [InlineData("0", "20000000.00", "0.00")]           // the construction project, carried forward whole
    [InlineData("100.00", "100.00", "10.00")]
    [InlineData("150.00", "100.00", "10.00")]          // over-executed: never above the weight
    [InlineData("10.00", "0", "0")]                    // nothing to execute: no rate, no score
    public void The_execution_score_is_the_weight_times_the_rate_at_most_the_weight(string executed, string adjusted, string score) =>
        Assert.Equal(decimal.Parse(score), Scoring.Execution(10m, Money.Of(decimal.Parse(executed)), Money.Of(decimal.Parse(adjusted))));

    [Theory]
    [InlineData(10, 6, 5, "3.00", "positive-ratio")]         // B/A × weight
    [InlineData(57, 67, 10, "10.00", "positive-ratio")]      // above target: the weight, not more
    [InlineData(100, 299.99, 10, "10.00", "positive-ratio")] // (B−A)/A = 199.99%: no deduction yet
    [InlineData(100, 300, 10, "9.00", "over-target-10")]     // 200% (含): 10% of the weight off
    [InlineData(100, 399.99, 10, "9.00", "over-target-10")]
    [InlineData(100, 400, 10, "8.00", "over-target-20")]     // 300% (含)
    [InlineData(100, 599.99, 10, "8.00", "over-target-20")]
    [InlineData(100, 600, 10, "7.00", "over-target-30")]     // 500% (含)
    [InlineData(10, 50, 6, "4.80", "over-target-20")]        // 目标群体关注人次 10万 → 50万
    public void A_positive_indicator_scores_B_over_A_and_loses_points_for_a_target_set_too_low(
        double target, double actual, double weight, string score, string rule) =>
        Assert.Equal(new RuleScore(decimal.Parse(score), rule),
            Scoring.Indicator(IndicatorDirection.Positive, (decimal)target, (decimal)actual, (decimal)weight));

    [Theory]
    [InlineData(2, 2.5, 10, "8.00")]   // 运维响应速度: 2 hours promised, 2.5 taken
    [InlineData(10, 20, 5, "2.50")]    // 手续办理速度
    [InlineData(7, 3, 5, "5.00")]      // faster than the target: the weight
    [InlineData(7, 0, 5, "5")]         // nothing at all taken: the weight
    public void A_negative_indicator_scores_A_over_B(double target, double actual, double weight, string score) =>
        Assert.Equal(new RuleScore(decimal.Parse(score), "negative-ratio"),
            Scoring.Indicator(IndicatorDirection.Negative, (decimal)target, (decimal)actual, (decimal)weight));

    [Fact]
    public void A_qualitative_indicator_or_one_without_figures_has_no_rule()
    {
        Assert.Null(Scoring.Indicator(IndicatorDirection.Qualitative, 90m, 90m, 5m));
        Assert.Null(Scoring.Indicator(IndicatorDirection.Positive, 90m, null, 5m));
        Assert.Null(Scoring.Indicator(IndicatorDirection.Positive, 0m, 5m, 5m));
    }

    [Theory]
    [InlineData("100", Grade.Excellent)]
    [InlineData("90", Grade.Excellent)]
    [InlineData("89.99", Grade.Good)]
    [InlineData("80", Grade.Good)]
    [InlineData("79.99", Grade.Fair)]
    [InlineData("60", Grade.Fair)]
    [InlineData("59.99", Grade.Poor)]
    [InlineData("0", Grade.Poor)]
    public void Grades_by_the_seeds_bands(string total, Grade grade) => Assert.Equal(grade, Scoring.GradeOf(decimal.Parse(total)));

    [Theory]
    [InlineData("8.8", "9.03", true)]
    [InlineData("9.9", "9.97", true)]
    [InlineData("9.03", "9.03", false)]
    [InlineData("10", "10.00", false)]
    public void A_score_departs_from_its_rule_at_a_hundredth(string recorded, string rule, bool departs) =>
        Assert.Equal(departs, Scoring.Departs(decimal.Parse(recorded), decimal.Parse(rule)));

    [Theory]
    [InlineData("0.0000000000000000001", "79228162514264337593543950335", "7.00", "over-target-30")]
    [InlineData("79228162514264337593543950335", "0.0000000000000000001", "0.00", "positive-ratio")]
    public void No_target_and_actual_however_far_apart_overflow_the_rule(string target, string actual, string score, string rule)
    {
        // (B − A) ÷ A of these once overflowed decimal and answered 500.
        Assert.Equal(new RuleScore(decimal.Parse(score), rule),
            Scoring.Indicator(IndicatorDirection.Positive, decimal.Parse(target), decimal.Parse(actual), 10m));
        Assert.NotNull(Scoring.Indicator(IndicatorDirection.Negative, decimal.Parse(actual), decimal.Parse(target), 10m));
    }

    [Theory]
    [InlineData("over-target-10", "在200%（含）至300%之间，扣分值的10%", "from 200% up to 300%: 10% of the weight off")]
    [InlineData("over-target-20", "在300%（含）至500%之间，扣分值的20%", "from 300% up to 500%: 20% of the weight off")]
    [InlineData("over-target-30", "达到500%（含）以上，扣分值的30%", "of 500% or more: 30% of the weight off")]
    public void A_flag_names_the_band_of_the_deduction_that_applied(string rule, string zh, string en)
    {
        Assert.Contains(zh, PerformanceWording.RuleName(rule, zh: true));
        Assert.Contains(en, PerformanceWording.RuleName(rule, zh: false));
        Assert.DoesNotContain("超过200%", PerformanceWording.RuleName(rule, zh: true));
    }
}
