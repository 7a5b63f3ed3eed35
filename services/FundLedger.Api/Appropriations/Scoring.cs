namespace FundLedger.Appropriations;

/// <summary>优 90（含）-100, 良 80（含）-90, 中 60（含）-80, 差 below 60.</summary>
public enum Grade { Excellent, Good, Fair, Poor }

/// <summary>What a scoring rule gives an indicator, and which rule it was.</summary>
public readonly record struct RuleScore(decimal Score, string Rule);

/// <summary>
/// The seed's scoring rules (填报注意事项 of its 项目支出绩效自评表), pure and in one place:
/// <list type="number">
/// <item>no score exceeds its weight (分值);</item>
/// <item>budget execution: weight × 执行率 (全年执行数 ÷ 全年预算数);</item>
/// <item>a positive quantitative indicator: B ÷ A × weight; a negative one: A ÷ B × weight;</item>
/// <item>a target set too low: (B − A) ÷ A of 200% (含) to 300% deducts 10% of the weight, 300% (含) to 500% 20%, 500% (含) and
/// above 30%;</item>
/// <item>grades: 90（含）-100 优, 80（含）-90 良, 60（含）-80 中, below 60 差.</item>
/// </list>
/// Qualitative indicators are scored by the evaluator and have no rule.
/// </summary>
public static class Scoring
{
    /// <summary>The execution score's weight unless the goals say otherwise.</summary>
    public const decimal DefaultExecutionWeight = 10m;

    public const decimal FullMarks = 100m;

    public static decimal Execution(decimal weight, Money executed, Money adjusted) =>
        adjusted.Yuan <= 0m ? 0m : Rounding.Score(Math.Min(weight * executed.Yuan / adjusted.Yuan, weight));

    /// <summary>
    /// The rule's score for a quantitative indicator with target A and actual B; null for a qualitative one or without B.
    /// </summary>
    public static RuleScore? Indicator(IndicatorDirection direction, decimal? target, decimal? actual, decimal weight)
    {
        if (target is not { } a || actual is not { } b || a <= 0m || b < 0m) return null;
        return direction switch
        {
            IndicatorDirection.Positive => Positive(a, b, weight),
            IndicatorDirection.Negative => new RuleScore(a >= b ? weight : Rounding.Score(a / b * weight), "negative-ratio"),
            _ => null,
        };
    }

    /// <summary>
    /// (B − A) ÷ A ≥ n is compared as B ÷ (n + 1) ≥ A, and B ÷ A only taken below 1: no figure, however far apart A and B
    /// are, overflows the rule.
    /// </summary>
    private static RuleScore Positive(decimal a, decimal b, decimal weight)
    {
        var deduction = b / 6m >= a ? 0.3m : b / 4m >= a ? 0.2m : b / 3m >= a ? 0.1m : 0m;
        if (deduction > 0m) return new RuleScore(Rounding.Score(weight - deduction * weight), $"over-target-{deduction * 100m:0}");
        return new RuleScore(b >= a ? weight : Rounding.Score(b / a * weight), "positive-ratio");
    }

    public static Grade GradeOf(decimal total) => total switch
    {
        >= 90m => Grade.Excellent,
        >= 80m => Grade.Good,
        >= 60m => Grade.Fair,
        _ => Grade.Poor,
    };

    public static string Label(Grade g) => g switch { Grade.Excellent => "优", Grade.Good => "良", Grade.Fair => "中", _ => "差" };

    /// <summary>A recorded score departs from the rule when they differ at the rule's precision (0.01).</summary>
    public static bool Departs(decimal recorded, decimal rule) => Math.Abs(recorded - rule) >= 0.01m;
}
