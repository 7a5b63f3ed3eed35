using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

public enum YearChange { New, Increase, Decrease, Unchanged }

/// <summary>One line (a project, or a basic line by name) against the previous year; a line gone this year decreases to 0.</summary>
public sealed record LineChange(string Key, string Name, Money Current, Money Previous, YearChange Change)
{
    public Money Difference => Current - Previous;
}

/// <summary>
/// 财政拨款收、支总计 against the previous year. A line's figure is the 财政拨款 it received: its adjusted budget less
/// what lapsed, counting only money of general-budget origin (carried-over general-budget lines included, as the
/// opening balance). Lines are matched across years by project code, or by name when they have none.
/// </summary>
public static class YearOverYear
{
    /// <summary>财政拨款收、支总计 of the year against the previous one, each line's change, and the explanation.</summary>
    public static YearOverYearReport Report(
        int year, IReadOnlyList<Appropriation> current, IReadOnlyList<Appropriation> previous, Language language)
    {
        var total = current.Where(YearOverYear.Counts).Sum(YearOverYear.Received);
        var previousTotal = previous.Where(YearOverYear.Counts).Sum(YearOverYear.Received);
        var change = total - previousTotal;
        var lines = YearOverYear.Compare(current, previous);
        return new YearOverYearReport(year, year - 1, total.Yuan, previousTotal.Yuan, change.Yuan,
            previousTotal == Money.Zero ? null : Rounding.Percent(change, previousTotal),
            Rounding.ToWanYuan(total), Rounding.ToWanYuan(previousTotal), Rounding.ToWanYuan(change),
            ExplanationFormatter.ExplainYearOverYear(year, total, previousTotal, lines, language),
            lines.Select(l => new YearOverYearLine(l.Key, l.Name, Wire.Name(l.Change), l.Current.Yuan, l.Previous.Yuan,
                l.Difference.Yuan, Rounding.ToWanYuan(l.Difference))).ToList());
    }

    public static Money Received(Appropriation a) => a.Adjusted - a.Lapsed;

    public static bool Counts(Appropriation a) => a.OriginFundSource == FundSource.GeneralBudget;

    public static string KeyOf(Appropriation a) => a.ProjectCode ?? a.Name;

    public static IReadOnlyList<LineChange> Compare(IEnumerable<Appropriation> current, IEnumerable<Appropriation> previous)
    {
        var now = Totals(current);
        var before = Totals(previous);
        return now.Keys.Union(before.Keys)
            .Select(key =>
            {
                var (currentAmount, currentName) = now.GetValueOrDefault(key, (Money.Zero, ""));
                var (previousAmount, previousName) = before.GetValueOrDefault(key, (Money.Zero, ""));
                var change = !before.ContainsKey(key) ? YearChange.New
                    : currentAmount > previousAmount ? YearChange.Increase
                    : currentAmount < previousAmount ? YearChange.Decrease : YearChange.Unchanged;
                return new LineChange(key, currentName.Length > 0 ? currentName : previousName, currentAmount, previousAmount, change);
            })
            .OrderBy(c => c.Change).ThenByDescending(c => Math.Abs(c.Difference.Yuan)).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, (Money Amount, string Name)> Totals(IEnumerable<Appropriation> lines) =>
        lines.Where(Counts).GroupBy(KeyOf).ToDictionary(g => g.Key, g => (g.Sum(Received), g.First().Name));
}
