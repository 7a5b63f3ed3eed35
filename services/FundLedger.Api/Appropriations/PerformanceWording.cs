using System.Globalization;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// The words of the performance capability in zh and en, in the style of a 部门决算's 第四部分; the department report
/// (Reporting) includes the paragraph, so the wording lives here, below it, and needs nothing of Reporting.
/// </summary>
public static class PerformanceWording
{
    /// <summary>
    /// 绩效评价工作开展情况: how many projects were evaluated, their share of the department's projects, the money
    /// involved, then per evaluation type its count, money and grade bands, as the seed's 第四部分 words it.
    /// </summary>
    public static string Paragraph(int year, string department, int projects, int evaluated, decimal coverage, Money amount,
        IReadOnlyList<EvaluationTypeSummary> byType, bool zh)
    {
        if (evaluated == 0)
            return zh ? $"{department}{year}年度部门项目支出尚未开展绩效评价（项目{projects}个）。"
                      : $"{department} has not evaluated the performance of its {year} project expenditure yet ({projects} projects).";
        var share = coverage.ToString("0.##", CultureInfo.InvariantCulture);
        var parts = byType.Where(t => t.Count > 0).Select(t =>
        {
            var g = t.Grades;
            var type = PerformanceNames.Label(Wire.Names<EvaluationType>()[t.Type], zh);
            return zh
                ? $"{type}项目{t.Count}个，涉及金额{Wd(t.Amount)}万元，" +
                  $"评价得分在90（含）-100分的{g.Excellent}个、评价得分在80（含）-90分的{g.Good}个、" +
                  $"评价得分在60（含）-80分的{g.Fair}个、评价得分在60分以下的{g.Poor}个。"
                : $"{t.Count} by {type}, involving {Wd(t.Amount)} (10k yuan): " +
                  $"{g.Excellent} scored 90–100, {g.Good} scored 80 to under 90, " +
                  $"{g.Fair} scored 60 to under 80 and {g.Poor} below 60.";
        });
        return zh
            ? $"{department}对{year}年度部门项目支出实施绩效评价，评价项目{evaluated}个，" +
              $"占部门项目总数的{share}%，涉及金额{W(amount)}万元。其中，{string.Join("", parts)}"
            : $"{department} evaluated the performance of its {year} project expenditure: {evaluated} projects, " +
              $"{share}% of the department's projects, " +
              $"involving {W(amount)} (10k yuan). Of these, {string.Join(" ", parts)}";
    }

    /// <summary>
    /// A scoring rule as the seed's 填报注意事项 words it; the over-target rules name the band of (B−A)÷A that applied.
    /// </summary>
    public static string RuleName(string rule, bool zh) => (rule, zh) switch
    {
        ("positive-ratio", true) => "正向指标规则（实际值B÷指标值A×分值）",
        ("negative-ratio", true) => "反向指标规则（指标值A÷实际值B×分值）",
        ("over-target-10", true) => "指标值设定偏低规则（（B−A）÷A在200%（含）至300%之间，扣分值的10%）",
        ("over-target-20", true) => "指标值设定偏低规则（（B−A）÷A在300%（含）至500%之间，扣分值的20%）",
        ("over-target-30", true) => "指标值设定偏低规则（（B−A）÷A达到500%（含）以上，扣分值的30%）",
        ("positive-ratio", false) => "positive-indicator rule (B ÷ A × weight)",
        ("negative-ratio", false) => "negative-indicator rule (A ÷ B × weight)",
        ("over-target-10", false) => "target-set-too-low rule ((B − A) ÷ A from 200% up to 300%: 10% of the weight off)",
        ("over-target-20", false) => "target-set-too-low rule ((B − A) ÷ A from 300% up to 500%: 20% of the weight off)",
        ("over-target-30", false) => "target-set-too-low rule ((B − A) ÷ A of 500% or more: 30% of the weight off)",
        _ => rule,
    };

    private static string Wd(decimal yuan) => W(Money.Of(yuan));

    private static string W(Money amount) => Rounding.ToWanYuanText(amount);
}
