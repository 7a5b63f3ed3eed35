using FundLedger.Kernel;

namespace FundLedger.Appropriations;

public static class AppropriationView
{
    public static AppropriationFigures ToFigures(this Appropriation a) => new(
        a.Code, a.Year, a.Name, new Department(a.DepartmentCode, a.DepartmentName), a.ProjectCode,
        Wire.Name(a.Kind), a.FunctionClass, a.EconomicClass,
        Wire.Name(a.FundSource), Wire.Name(a.Control),
        a.Document, a.EnactedOn,
        a.Original.Yuan, a.Supplements.Yuan, a.Reductions.Yuan, a.Adjusted.Yuan, a.Disbursed.Yuan, a.Reversed.Yuan, a.Executed.Yuan,
        new QuarterFigures(a.Quarters[0].Yuan, a.Quarters[1].Yuan, a.Quarters[2].Yuan, a.Quarters[3].Yuan),
        a.Carried.Yuan, a.Lapsed.Yuan, a.Available.Yuan, Rounding.Percent(a.Executed, a.Adjusted), a.OverBudget, a.Closed,
        a.CarriedTo.Select(Link).ToList(), a.CarriedFrom is { } from ? Link(from) : null, a.Version,
        a.OtherClasses is null ? null : a.ExecutedByClass.Select(c => new EconomicExecution(c.Code, c.Executed.Yuan)).ToList())
    {
        Distributed = a.Distributed == Money.Zero ? null : a.Distributed.Yuan,
        OpeningAdjustment = a.OpeningAdjustment == Money.Zero ? null : a.OpeningAdjustment.Yuan,
        EconomicBudgets = a.EconomicBudgets is null && a.EconomicShifts is null ? null
            : (a.EconomicBudgets?.Keys ?? []).Union(a.EconomicShifts?.Keys ?? []).Order(StringComparer.Ordinal)
                .Select(c => new EconomicBudgetFigures(c, (a.EconomicBudgets?.GetValueOrDefault(c) ?? Money.Zero).Yuan,
                    a.EconomicBudget(c).Yuan)).ToList(),
    };

    private static CarryLinkFigures Link(CarryLink l) => new(l.Year, l.Code, l.Amount.Yuan, Wire.Name(l.Kind));

    public static string Location(string district, int year, string code) =>
        $"/api/v1/districts/{district}/years/{year}/appropriations/{code}";
}
