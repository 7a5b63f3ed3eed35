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
    public static Money Final(IEnumerable<Appropriation> lines, IReadOnlyCollection<string> classes) =>
        Final(PaidByClass(lines), classes);

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
            var budget = budgeted.Sum(l => l.Original);
            var final = Final(paid0, item.Classes);
            var last = Final(paid1, item.Classes);
            var reasons = VarianceReasons.Derive(budgeted, events).Select(r =>
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
