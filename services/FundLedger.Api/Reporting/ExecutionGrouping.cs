using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>
/// Groups appropriations into execution rows. Every appropriation falls in exactly one row, and rows and
/// totals are summed in 元 from the same figures, so rows always foot to the totals.
/// </summary>
public static class ExecutionGrouping
{
    public static readonly IReadOnlyList<string> Dimensions =
        ["department", "project", "function-class", "function-section", "function-item", "kind", "fund-source", "quarter"];

    public static ExecutionReport Build(int year, string by, IReadOnlyCollection<Appropriation> appropriations)
    {
        var totals = Row("total", null, appropriations);
        var rows = by == "quarter"
            ? Enumerable.Range(1, 4).Select(q => QuarterRow(q, appropriations, totals)).ToList()
            : appropriations.GroupBy(a => KeyOf(by, a))
                .OrderBy(g => g.Key.Key, StringComparer.Ordinal)
                .Select(g => Row(g.Key.Key, g.Key.Name, g.ToList()))
                .ToList();
        return new ExecutionReport(year, by, rows, totals);
    }

    private static readonly decimal Zero = Money.Zero.Yuan;

    private static (string Key, string? Name) KeyOf(string by, Appropriation a) => by switch
    {
        "department" => (a.DepartmentCode, a.DepartmentName),
        // Basic lines carry no project: they form one 基本支出 row so that project rows still foot to the total.
        "project" => a.Kind == AppropriationKind.Project ? (a.ProjectCode ?? a.Code, a.Name) : ("basic", "基本支出"),
        "function-class" => (FunctionCode.Class(a.FunctionClass), null),
        "function-section" => (FunctionCode.Section(a.FunctionClass), null),
        "function-item" => (FunctionCode.Item(a.FunctionClass), null),
        "kind" => (WireNames.Name(WireNames.Kinds, a.Kind), a.Kind == AppropriationKind.Basic ? "基本支出" : "项目支出"),
        "fund-source" => (WireNames.Name(WireNames.FundSources, a.FundSource), null),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "not a grouping"),
    };

    private static ExecutionRow Row(string key, string? name, IReadOnlyCollection<Appropriation> group)
    {
        var adjusted = group.Sum(a => a.Adjusted);
        var executed = group.Sum(a => a.Executed);
        return new ExecutionRow(key, name, group.Count,
            group.Sum(a => a.Original).Yuan, group.Sum(a => a.Supplements).Yuan, group.Sum(a => a.Reductions).Yuan,
            adjusted.Yuan, group.Sum(a => a.Disbursed).Yuan, group.Sum(a => a.Reversed).Yuan, executed.Yuan,
            group.Sum(a => a.Carried).Yuan, group.Sum(a => a.Lapsed).Yuan, group.Sum(a => a.Available).Yuan, Rounding.Percent(executed, adjusted));
    }

    /// <summary>A quarter's row holds only what was executed in it; its rate is its share of the year's adjusted budget.</summary>
    private static ExecutionRow QuarterRow(int quarter, IReadOnlyCollection<Appropriation> all, ExecutionRow totals)
    {
        var executed = all.Sum(a => a.Quarters[quarter - 1]);
        return new ExecutionRow($"Q{quarter}", $"第{"一二三四"[quarter - 1]}季度", all.Count(a => a.Quarters[quarter - 1] != Money.Zero),
            Zero, Zero, Zero, Zero, Zero, Zero, executed.Yuan, Zero, Zero, Zero, Rounding.Percent(executed, Money.Of(totals.Adjusted)));
    }
}
