using System.Globalization;
using FundLedger.Kernel;

namespace FundLedger.Performance;

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

    private static string Wd(decimal yuan) => W(Money.Of(yuan));

    private static string W(Money amount) => Rounding.ToWanYuanText(amount);
}
