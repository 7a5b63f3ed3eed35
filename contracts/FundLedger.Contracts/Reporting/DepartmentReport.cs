namespace FundLedger.Reporting;

/// <summary>
/// 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, in 元; <c>unresolved</c> is unspent money of a year
/// not yet closed.
/// </summary>
public sealed record FundIdentityFigures(
    decimal Opening, decimal Income, decimal Expenditure, decimal Closing, decimal Unresolved, bool Foots);

public sealed record ReportTotals(
    decimal GrandTotal, decimal PreviousGrandTotal, decimal Income, decimal AppropriationIncome, decimal OtherIncome,
    decimal Expenditure, decimal Basic, decimal Project, decimal GeneralBudgetExpenditure, decimal GeneralBudgetBasic);

/// <summary>
/// The 决算说明 of one department for a year, generated from the events alone: the figures, and the same content as
/// a markdown narrative in the seed's order (收支总体情况, 财政拨款收支, 一般公共预算财政拨款支出 by class and
/// section, 基本支出, 结转和结余, 绩效评价情况).
/// </summary>
/// <param name="Performance">绩效评价情况 of the department's projects; null when it has none.</param>
public sealed record DepartmentReport(
    int Year, string Department, string DepartmentName, string Lang, ReportTotals Totals, FundIdentityFigures FundIdentity,
    YearOverYearReport YearOverYear, IReadOnlyList<VarianceNode> Classes, IReadOnlyList<VarianceNode> Sections,
    Appropriations.PerformanceSummary? Performance, string Markdown);
