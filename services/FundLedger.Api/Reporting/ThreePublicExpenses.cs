using FundLedger.Appropriations;
using FundLedger.Departments;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// “三公”经费财政拨款决算: a pure function of the year's appropriations (and last year's), the units' profiles and the year's
/// events (for the reasons). Only 财政拨款 money counts (lines whose money first came from the three 财政拨款 sources).
/// </summary>
public static class ThreePublicExpenses
{
    private sealed record Item(string Key, string Name, string[] Classes);

    private static readonly Item[] Items =
    [
        new("travel-abroad", "因公出国（境）费用", [PublicExpenses.TravelAbroad]),
        new("hospitality", "公务接待费", [PublicExpenses.Hospitality]),
        new("vehicles", "公务用车购置及运行维护费", [PublicExpenses.VehiclePurchase, PublicExpenses.VehicleUpkeep]),
        new("vehicle-purchase", "公务用车购置费", [PublicExpenses.VehiclePurchase]),
        new("vehicle-upkeep", "公务用车运行维护费", [PublicExpenses.VehicleUpkeep]),
        new("total", "“三公”经费", PublicExpenses.Classes),
    ];

    public static bool Fiscal(Appropriation a) => CategoryNames.IsFiscal(a.OriginFundSource);

    /// <summary>What was paid on the classes, net of reversals, by every fiscal line whatever its own class.</summary>
    private static Money Final(IReadOnlyDictionary<string, Money> paid, IReadOnlyCollection<string> classes) =>
        classes.Sum(c => paid.GetValueOrDefault(c, Money.Zero));

    /// <summary>Net execution of the fiscal lines by economic class: one pass, which every item then reads.</summary>
    private static Dictionary<string, Money> PaidByClass(IEnumerable<Appropriation> lines)
    {
        var paid = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var (code, executed) in lines.Where(Fiscal).SelectMany(l => l.ExecutedByClass))
            if (code is not null) paid[code] = paid.GetValueOrDefault(code, Money.Zero) + executed;
        return paid;
    }

    /// <summary>
    /// 年初预算 on the classes: the original budgets of the year's own fiscal lines budgeted on them (not carried in).
    /// </summary>
    private static IReadOnlyList<Appropriation> Budgeted(IEnumerable<Appropriation> lines, IReadOnlyCollection<string> classes) =>
        lines.Where(l => Fiscal(l) && l.CarriedFrom is null && l.EconomicClass is { } code && classes.Contains(code)).ToList();

    /// <summary>年初预算 the year's own fiscal lines budgeted by 款 within them (a 302 line's 30217 and 30231).</summary>
    private static Money ClassBudgets(IEnumerable<Appropriation> lines, IReadOnlyCollection<string> classes) =>
        lines.Where(l => Fiscal(l) && l.CarriedFrom is null && l.EconomicBudgets is not null)
            .SelectMany(l => l.EconomicBudgets!).Where(b => classes.Contains(b.Key)).Sum(b => b.Value);

    /// <summary>
    /// The 调剂 that moved budget out of the classes (or into them) on the year's own fiscal lines, each with its reason; one
    /// that moved budget between two of them leaves the item's budget as it was and is no reason.
    /// </summary>
    private static IEnumerable<VarianceReason> Shifts(IEnumerable<Appropriation> lines, IReadOnlyList<LineEvent> events,
        IReadOnlyCollection<string> classes)
    {
        var ours = lines.Where(l => Fiscal(l) && l.CarriedFrom is null).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        return events.Where(e => ours.Contains(e.StreamKey) && e.Data is EconomicBudgetShifted)
            .Select(e => (e.Sequence, Shift: (EconomicBudgetShifted)e.Data))
            .Where(e => classes.Contains(e.Shift.FromClass) != classes.Contains(e.Shift.ToClass))
            .GroupBy(e => (Out: classes.Contains(e.Shift.FromClass), e.Shift.Reason))
            .Select(g => new VarianceReason(g.Key.Out ? ReasonKind.Reduction : ReasonKind.Supplement, g.Key.Reason,
                g.Sum(e => g.Key.Out ? -e.Shift.Amount : e.Shift.Amount), g.Select(e => e.Sequence).Order().ToList()));
    }

    public static ThreePublicExpensesReport Build(int year, string? department, IReadOnlyCollection<Appropriation> lines,
        IReadOnlyCollection<Appropriation> previous, IReadOnlyCollection<DepartmentProfileRecorded> profiles,
        IReadOnlyList<LineEvent> events, DateTimeOffset? asOf)
    {
        bool Ours(string unit) => department is null || unit == department;
        var year0 = lines.Where(l => Ours(l.DepartmentCode)).ToList();
        var year1 = previous.Where(l => Ours(l.DepartmentCode)).ToList();
        var units = profiles.Where(p => Ours(p.DepartmentCode)).GroupBy(p => p.DepartmentCode)
            .Select(g => g.MaxBy(p => p.Revision)!).ToList();

        var paid0 = PaidByClass(year0);
        var paid1 = PaidByClass(year1);
        var items = Items.Select(item =>
        {
            var budgeted = Budgeted(year0, item.Classes);
            var budget = budgeted.Sum(l => l.Original) + ClassBudgets(year0, item.Classes);
            var final = Final(paid0, item.Classes);
            var last = Final(paid1, item.Classes);
            var reasons = VarianceReasons.Derive(budgeted, events).Concat(Shifts(year0, events, item.Classes)).Select(r =>
                new VarianceReasonFigures(Wire.Name(r.Kind), r.Label, r.Effect.Yuan, Rounding.ToWanYuan(r.Effect), r.Sequences,
                    r.Placeholder)).ToList();
            return new ThreePublicItem(item.Key, item.Name, item.Classes, budget.Yuan, Rounding.ToWanYuan(budget), final.Yuan,
                Rounding.ToWanYuan(final), (final - budget).Yuan, Rounding.ToWanYuan(final - budget), last.Yuan, Rounding.ToWanYuan(last),
                reasons);
        }).ToList();

        var use = year0.Where(Fiscal).Select(l => l.PublicUse).OfType<PublicUse>().Aggregate(new PublicUse(), (a, b) => a + b);
        var upkeep = Final(paid0, [PublicExpenses.VehicleUpkeep]);
        var other = upkeep - use.Itemised;
        var held = units.Sum(u => u.VehicleCount);
        var withLines = year0.Select(l => l.DepartmentCode).Distinct().Count(code => units.All(u => u.DepartmentCode != code));
        return new ThreePublicExpensesReport(year, department,
            new UnitTypeCounts(units.Count(u => u.UnitType == UnitType.Administrative),
                units.Count(u => u.UnitType == UnitType.CivilServiceManaged), units.Count(u => u.UnitType == UnitType.Institution),
                withLines),
            items, use.Receptions, use.Guests,
            new VehicleUpkeepDetail(use.Fuel.Yuan, Rounding.ToWanYuan(use.Fuel), use.Repair.Yuan, Rounding.ToWanYuan(use.Repair),
                use.Insurance.Yuan, Rounding.ToWanYuan(use.Insurance), other.Yuan, Rounding.ToWanYuan(other)),
            held, Rounding.PerUnitWanYuan(upkeep, held), asOf);
    }
}
