using FundLedger.Appropriations;
using System.Globalization;
using System.Text;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// A project's 绩效自评表 as markdown, laid out like the tables of a 部门决算 (项目资金, 年度总体目标, 绩效指标,
/// 总分), then the rule checks. Merged cells of the published tables are blank repeats here; recorded text is escaped
/// for a table cell.
/// </summary>
public static class PerformanceMarkdown
{
    public static string Of(PerformanceSheet s, Language language)
    {
        var zh = language.IsChinese;
        var md = new StringBuilder();
        var department = s.Evaluation?.Type == "department";
        md.AppendLine(zh ? $"## {(department ? "项目支出绩效评价表" : "项目支出绩效自评表")}（{s.Year}年度）"
                         : $"## Project expenditure performance {(department ? "evaluation" : "self-evaluation")} ({s.Year})").AppendLine();

        Row(md, L(zh, "项目名称", "Project"), Cell(s.Name), "", "");
        Rule(md, 4);
        Row(md, L(zh, "主管部门", "Department"), Cell(s.DepartmentName),
            L(zh, "实施单位", "Implemented by"), Cell(s.ImplementingUnit));
        Row(md, L(zh, "项目负责人", "Manager"), Cell(s.Manager ?? ""), L(zh, "联系电话", "Telephone"), Cell(s.Phone ?? ""));
        md.AppendLine();

        var f = s.Funding;
        Row(md, L(zh, "项目资金（万元）", "Funding (10k yuan)"), L(zh, "年初预算数", "Original"),
            L(zh, "全年预算数", "Adjusted"), L(zh, "全年执行数", "Executed"), L(zh, "分值", "Weight"),
            L(zh, "执行率", "Rate"), L(zh, "得分", "Score"));
        Rule(md, 7);
        Funding(md, L(zh, "年度资金总额", "Total"), f.Total, Points(f.ExecutionWeight), Points(f.ExecutionScore));
        Funding(md, L(zh, "其中：当年财政拨款", "of which: this year's appropriation"), f.CurrentYear, "—", "—");
        Funding(md, L(zh, "上年结转资金", "Carried over from last year"), f.CarriedOver, "—", "—");
        Funding(md, L(zh, "其他资金", "Other funds"), f.Other, "—", "—");
        md.AppendLine();

        Row(md, L(zh, "年度总体目标", "Overall goal"), L(zh, "预期目标", "Expected"), L(zh, "实际完成情况", "Achieved"));
        Rule(md, 3);
        Row(md, "", Cell(s.OverallGoal), Cell(s.Evaluation?.Completion ?? ""));
        md.AppendLine();

        Row(md, L(zh, "一级指标", "Level 1"), L(zh, "二级指标", "Level 2"), L(zh, "三级指标", "Indicator"),
            L(zh, "年度指标值", "Target (A)"), L(zh, "实际完成值", "Actual (B)"), L(zh, "分值", "Weight"),
            L(zh, "得分", "Score"), L(zh, "偏差原因分析及改进措施", "Deviation and remedy"));
        Rule(md, 8);
        string? level1 = null, level2 = null, name = null;
        foreach (var i in s.Indicators)
        {
            var l1 = PerformanceNames.Level1Label(i.Level1, zh);
            var l2 = PerformanceNames.Label(Wire.Names<IndicatorCategory>()[i.Category], zh);
            Row(md, l1 == level1 ? "" : l1, l2 == level2 && l1 == level1 ? "" : l2, i.Name == name ? "" : Cell(i.Name), Cell(i.Target),
                Cell(i.Actual ?? ""), Points(i.Weight), Points(i.Score), Cell(i.Deviation ?? ""));
            (level1, level2, name) = (l1, l2, i.Name);
        }
        Row(md, L(zh, "总分", "Total"), "", "", "", "", Points(f.ExecutionWeight + s.Indicators.Sum(i => i.Weight)), Points(s.Total), "");
        md.AppendLine();

        if (s.Grade is { } grade)
            md.AppendLine(zh ? $"评价等级：{Scoring.Label(Enum.Parse<Grade>(grade, ignoreCase: true))}" : $"Grade: {grade}")
                .AppendLine();
        foreach (var flag in s.Flags) md.Append("- ").AppendLine(MarkdownText.Escape(Flag(flag, s, zh)));
        return md.ToString();
    }

    private static string Flag(PerformanceFlag flag, PerformanceSheet s, bool zh) => (flag.Kind, zh) switch
    {
        ("execution-score", true) =>
            $"执行率得分为{Points(flag.Recorded)}分，" +
            $"按规则（分值{Points(s.Funding.ExecutionWeight)}×执行率{s.Funding.Total.ExecutionRate:0.00}%，不超过分值）" +
            $"应为{Points(flag.Computed)}分。",
        ("indicator-score", true) =>
            $"指标{flag.Indicator}（{s.Indicators.Single(i => i.Code == flag.Indicator).Name}）" +
            $"得分为{Points(flag.Recorded)}分，" +
            $"按{PerformanceWording.RuleName(flag.Rule, zh: true)}应为{Points(flag.Computed)}分。",
        ("total", true) => $"表列总分{Points(flag.Recorded)}分，与各项得分之和{Points(flag.Computed)}分不符。",
        _ => flag.Message,
    };

    private static void Funding(StringBuilder md, string label, FundingRow row, string weight, string score) =>
        Row(md, label, Wan(row.Original), Wan(row.Adjusted), Wan(row.Executed), weight,
            row.ExecutionRate is { } rate ? rate.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "", score);

    private static string Wan(decimal? yuan) => yuan is { } y ? Rounding.ToWanYuanText(Money.Of(y)) : "";

    private static string Points(decimal? points) => points?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string L(bool zh, string chinese, string english) => zh ? chinese : english;

    private static void Row(StringBuilder md, params string[] cells) => md.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");

    private static void Rule(StringBuilder md, int columns) =>
        md.Append('|').AppendJoin("", Enumerable.Repeat("---|", columns)).AppendLine();

    /// <summary>Recorded text inside a table cell (see <see cref="MarkdownText.Cell"/>).</summary>
    private static string Cell(string text) => MarkdownText.Cell(text);
}
