namespace FundLedger.Reporting;

/// <summary>
/// 年初结转和结余 + 本年收入 (+ 使用非财政拨款结余) = 本年支出 (+ 结余分配) + 年末结转和结余, in 元;
/// <c>unresolved</c> is
/// unspent money of a year not yet closed. The two in brackets are answered only when the year has them.
/// </summary>
public sealed record FundIdentityFigures(
    decimal Opening, decimal Income, decimal Expenditure, decimal Closing, decimal Unresolved, bool Foots)
{
    /// <summary>使用非财政拨款结余: lines funded from the unit's surplus of earlier years; absent when there are none.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public decimal? UsedSurplus { get; init; }

    /// <summary>结余分配: distributed out of non-fiscal surplus; absent when nothing was.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Distributed { get; init; }
}

/// <summary>A category of 本年收入 (by source) or of 本年支出 (by kind), in 元: zero ones too, as the 说明 lists them.</summary>
public sealed record CategoryFigure(string Key, string Name, decimal Amount);

/// <summary>
/// The department's totals in 元. <c>previousIncome</c>/<c>previousExpenditure</c> are last year's (null with no last year);
/// <c>incomeCategories</c> and <c>expenditureKinds</c> every column of the 收入决算表 and 支出决算表.
/// </summary>
public sealed record ReportTotals(
    decimal GrandTotal, decimal PreviousGrandTotal, decimal Income, decimal AppropriationIncome, decimal OtherIncome,
    decimal Expenditure, decimal Basic, decimal Project, decimal GeneralBudgetExpenditure, decimal GeneralBudgetBasic,
    decimal? PreviousIncome, decimal? PreviousExpenditure, IReadOnlyList<CategoryFigure> IncomeCategories,
    IReadOnlyList<CategoryFigure> ExpenditureKinds);

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
