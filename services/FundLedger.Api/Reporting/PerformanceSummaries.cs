using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// 绩效评价情况 of a department-year from its project appropriations: the evaluated projects, the money they involve
/// (全年预算数), and the count per evaluation type and grade band. Pure; the wording comes from <see cref="PerformanceWording"/>.
/// </summary>
public static class PerformanceSummaries
{
    public static PerformanceSummary Of(
        int year, string department, string departmentName, IReadOnlyList<Appropriation> lines, Language language)
    {
        var projects = lines.Where(a => a.Year == year && a.DepartmentCode == department && a.Kind == AppropriationKind.Project)
            .OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        var sheets = projects.Where(a => a.Evaluation is not null).Select(PerformanceSheets.Of).ToList();
        var amount = Money.Of(sheets.Sum(s => s.Funding.Total.Adjusted ?? 0m));
        var coverage = projects.Count == 0 ? 0m : Rounding.Percent(Money.Of(sheets.Count), Money.Of(projects.Count));
        var byType = Wire.Names<EvaluationType>().Values
            .Select(type => Type(type, sheets.Where(s => s.Evaluation!.Type == Wire.Name(type)).ToList()))
            .ToList();
        var scores = sheets.Select(s => new ProjectScore(s.Code, s.Name, s.Evaluation!.Type, s.Funding.Total.Adjusted ?? 0m,
            s.Funding.Total.ExecutionRate ?? 0m, s.Funding.ExecutionScore, s.Total!.Value, s.Grade!, s.Flags.Count)).ToList();
        var paragraph = PerformanceWording.Paragraph(
            year, departmentName, projects.Count, sheets.Count, coverage, amount, byType, language.IsChinese);
        return new PerformanceSummary(year, department, departmentName, language.Code, projects.Count, sheets.Count, coverage, amount.Yuan,
            byType, scores, paragraph);
    }

    private static EvaluationTypeSummary Type(EvaluationType type, IReadOnlyList<PerformanceSheet> sheets)
    {
        int Count(Grade g) => sheets.Count(s => s.Grade == Wire.Name(g));
        return new EvaluationTypeSummary(Wire.Name(type), sheets.Count, sheets.Sum(s => s.Funding.Total.Adjusted ?? 0m),
            new GradeCounts(Count(Grade.Excellent), Count(Grade.Good), Count(Grade.Fair), Count(Grade.Poor)));
    }
}
