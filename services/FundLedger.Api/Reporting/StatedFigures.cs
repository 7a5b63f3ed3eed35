using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>
/// The figures the ledger's own 决算说明 prints, taken the way the 说明 takes them (its totals, its 一般公共预算 lines, its 七
/// by 经济分类), not from the tables: the 审核 rules S-01 … S-12 hold the two to each other.
/// </summary>
public static class StatedFigures
{
    public static ExplanationFigures Of(int year, IReadOnlyList<Appropriation> current, IReadOnlyList<Appropriation> previous,
        ThreePublicExpensesReport threePublic)
    {
        decimal Wan(decimal yuan) => Rounding.ToWanYuan(Money.Of(yuan));
        var t = DepartmentReportBuilder.Totals(current, previous);
        var general = current.Where(YearOverYear.Counts).ToList();
        var basic = DepartmentReportBuilder.BasicClasses(year, general);
        var total = threePublic.Items.Single(i => i.Item == "total");
        return new ExplanationFigures
        {
            GrandTotal = Wan(t.GrandTotal), Income = Wan(t.Income), Expenditure = Wan(t.Expenditure), Basic = Wan(t.Basic),
            Project = Wan(t.Project), GeneralBudgetExpenditure = Wan(t.GeneralBudgetExpenditure),
            GeneralBudgetByClass = general.GroupBy(a => FunctionCode.Class(a.FunctionClass))
                .ToDictionary(g => g.Key, g => Rounding.ToWanYuan(g.Sum(a => a.Executed))),
            GeneralBudgetBasic = Wan(t.GeneralBudgetBasic),
            Personnel = Rounding.ToWanYuan(basic.Where(c => EconomicClassification.IsPersonnel(c.Code)).Sum(c => c.Amount)),
            Public = Rounding.ToWanYuan(basic.Where(c => !EconomicClassification.IsPersonnel(c.Code)).Sum(c => c.Amount)),
            ThreePublic = total.FinalWan, ThreePublicBudget = total.BudgetWan,
        };
    }
}
