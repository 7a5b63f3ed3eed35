using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// Groups appropriations into execution rows. Every appropriation falls in exactly one row, and rows and
/// totals are summed in 元 from the same figures, so rows always foot to the totals.
/// </summary>
public static class ExecutionGrouping
{
    public static readonly IReadOnlyList<string> Dimensions =
        ["department", "project", "function-class", "function-section", "function-item", "economic-class", "economic-section",
         "basic-expense", "kind", "fund-source", "quarter"];

    public static ExecutionReport Build(int year, string by, IEnumerable<Appropriation> appropriations)
    {
        var sums = new ExecutionSums(by);
        foreach (var a in appropriations) sums.Change(null, a);
        return sums.Report(year);
    }

    /// <summary>
    /// A grouping by the economic classification: a line's budget is in the row of its own class and its execution in the
    /// rows of the classes its payments named (a line budgeted on 302 that paid 30217 puts that payment in 30217's row), so
    /// budget and execution of a row can come from different lines and the rows still foot to the totals.
    /// </summary>
    public static bool ByEconomic(string by) => by is "economic-class" or "economic-section" or "basic-expense";

    /// <summary>A grouping by the function classification, whose rows are named by the year's code list.</summary>
    public static bool ByFunction(string by) => by.StartsWith("function-", StringComparison.Ordinal);

    /// <summary>The report with each function-classification row named by the year's list, or flagged when the list lacks it.</summary>
    public static ExecutionReport Named(this ExecutionReport report, FunctionClassification? codes) =>
        codes is null || !ByFunction(report.By) ? report : report with
        {
            Rows = report.Rows.Select(r => codes.Name(r.Key) is { } name ? r with { Name = name } : r with { UnknownCode = true }).ToList(),
        };

    internal static (string Key, string? Name) KeyOf(string by, Appropriation a) => by switch
    {
        "department" => (a.DepartmentCode, a.DepartmentName),
        // Lines that are not projects form one row per kind (基本支出, 经营支出 …) so that project rows still foot to the total.
        "project" => a.Kind == AppropriationKind.Project ? (a.ProjectCode ?? a.Code, a.Name)
            : (Wire.Name(a.Kind), CategoryNames.Of(a.Kind)),
        "function-class" => (FunctionCode.Class(a.FunctionClass), null),
        "function-section" => (FunctionCode.Section(a.FunctionClass), null),
        "function-item" => (FunctionCode.Item(a.FunctionClass), null),
        "kind" => (Wire.Name(a.Kind), CategoryNames.Of(a.Kind)),
        "fund-source" => (Wire.Name(a.FundSource), null),
        _ when ByEconomic(by) => EconomicKey(by, a.Year, a.Kind, a.EconomicClass),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "not a grouping"),
    };

    /// <summary>
    /// The row of a line or of a payment's class: by 类 or by the code itself (a line budgeted on a 类 stays a 类 row when
    /// grouped by 款), named by the year's list; for 基本支出, 人员经费 (301, 303) or 公用经费 (the others), with every
    /// project line in one 项目支出 row. A line without a class is in one unclassified row.
    /// </summary>
    internal static (string Key, string? Name) EconomicKey(string by, int year, AppropriationKind kind, string? code)
    {
        if (by == "basic-expense")
            return kind != AppropriationKind.Basic ? (Wire.Name(kind), CategoryNames.Of(kind))
                : code is null ? ("unclassified", "未列经济分类")
                : EconomicClassification.IsPersonnel(code) ? ("personnel", "人员经费") : ("public", "公用经费");
        if (code is null) return ("unclassified", "未列经济分类");
        var key = by == "economic-class" ? EconomicClassification.Class(code) : code;
        return (key, EconomicClassification.For(year)?.Name(key));
    }
}

/// <summary>
/// The running sums behind an execution report by one dimension: a line entering, changing or leaving moves only its
/// own row and the totals, so a report over 10,000 lines follows a few changed lines without summing the rest again.
/// </summary>
public sealed class ExecutionSums(string by)
{
    private readonly Dictionary<(string Key, string? Name), RowSums> _rows = new();
    private readonly RowSums _totals = new("total", null);
    private readonly RowSums[] _quarters =
        [.. Enumerable.Range(1, 4).Select(q => new RowSums($"Q{q}", $"第{"一二三四"[q - 1]}季度"))];

    public string By => by;

    /// <summary>Moves one line from its figures before (null: it is new) to its figures after.</summary>
    public void Change(Appropriation? before, Appropriation after)
    {
        if (before is not null) Move(before, -1);
        Move(after, +1);
    }

    public ExecutionSums Copy()
    {
        var copy = new ExecutionSums(by);
        foreach (var (key, row) in _rows) copy._rows[key] = row.Copy();
        copy._totals.Set(_totals);
        for (var q = 0; q < 4; q++) copy._quarters[q].Set(_quarters[q]);
        return copy;
    }

    public ExecutionReport Report(int year)
    {
        var totals = _totals.Row();
        var rows = by == "quarter"
            ? _quarters.Select(q => q.QuarterRow(totals.Adjusted)).ToList()
            : _rows.Values.Where(r => r.Shown).OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => r.Row()).ToList();
        return new ExecutionReport(year, by, rows, totals);
    }

    private void Move(Appropriation a, int sign)
    {
        _totals.Add(a, sign);
        if (by == "quarter")
        {
            for (var q = 0; q < 4; q++) _quarters[q].AddQuarter(a.Quarters[q], sign);
            return;
        }
        var own = Row(ExecutionGrouping.KeyOf(by, a));
        own.Add(a, sign);
        if (a.OtherClasses is null || !ExecutionGrouping.ByEconomic(by)) return;
        // What its payments named elsewhere leaves the line's own row for the rows of those classes.
        foreach (var (code, paid) in a.OtherClasses)
        {
            own.Shift(paid, -sign, counts: false);
            Row(ExecutionGrouping.EconomicKey(by, a.Year, a.Kind, code)).Shift(paid, sign, counts: true);
        }
    }

    private RowSums Row((string Key, string? Name) group)
    {
        if (!_rows.TryGetValue(group, out var row)) _rows[group] = row = new RowSums(group.Key, group.Name);
        return row;
    }

    private sealed class RowSums(string key, string? name)
    {
        public string Key => key;
        public string? Name => name;
        public int Count;
        /// <summary>Execution shifted in from lines of other rows (their payments named this row's class).</summary>
        private int _shiftedIn;
        private Money _original, _supplements, _reductions, _disbursed, _reversed, _carried, _lapsed;

        public void Add(Appropriation a, int sign)
        {
            Count += sign;
            _original += Signed(a.Original, sign);
            _supplements += Signed(a.Supplements, sign);
            _reductions += Signed(a.Reductions, sign);
            _disbursed += Signed(a.Disbursed, sign);
            _reversed += Signed(a.Reversed, sign);
            _carried += Signed(a.Carried, sign);
            _lapsed += Signed(a.Lapsed, sign);
        }

        public bool Shown => Count > 0 || _shiftedIn > 0;

        /// <summary>Execution moved between rows (by economic class): into this row from a line of another, or out of it.</summary>
        public void Shift(ClassExecution paid, int sign, bool counts)
        {
            if (counts) _shiftedIn += sign;
            _disbursed += Signed(paid.Disbursed, sign);
            _reversed += Signed(paid.Reversed, sign);
        }

        /// <summary>A quarter's row holds only what was executed in it, and counts the lines that executed anything in it.</summary>
        public void AddQuarter(Money executed, int sign)
        {
            if (executed != Money.Zero) Count += sign;
            _disbursed += Signed(executed, sign);
        }

        public RowSums Copy()
        {
            var copy = new RowSums(key, name);
            copy.Set(this);
            return copy;
        }

        public void Set(RowSums other) =>
            (Count, _shiftedIn, _original, _supplements, _reductions, _disbursed, _reversed, _carried, _lapsed) =
            (other.Count, other._shiftedIn, other._original, other._supplements, other._reductions, other._disbursed, other._reversed,
             other._carried,
             other._lapsed);

        public ExecutionRow Row()
        {
            var adjusted = _original + _supplements - _reductions;
            var executed = _disbursed - _reversed;
            return new ExecutionRow(key, name, Count, _original.Yuan, _supplements.Yuan, _reductions.Yuan, adjusted.Yuan, _disbursed.Yuan,
                _reversed.Yuan, executed.Yuan, _carried.Yuan, _lapsed.Yuan, (adjusted - executed - _carried - _lapsed).Yuan,
                Rounding.Percent(executed, adjusted));
        }

        /// <summary>Its rate is the quarter's share of the whole year's adjusted budget.</summary>
        public ExecutionRow QuarterRow(decimal yearAdjusted)
        {
            var zero = Money.Zero.Yuan;
            return new ExecutionRow(key, name, Count, zero, zero, zero, zero, zero, zero, _disbursed.Yuan, zero, zero, zero,
                Rounding.Percent(_disbursed, Money.Of(yearAdjusted)));
        }

        private static Money Signed(Money m, int sign) => sign > 0 ? m : -m;
    }
}
