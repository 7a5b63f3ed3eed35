using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// Final against original per function class, section or item, with the explanation and the events behind each reason:
/// pure, used by the variance endpoint, the department report and the audit bundle.
/// </summary>
public static class VarianceNodes
{
    /// <summary>The classification levels, each with the code of a line at that level.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, string>> Levels = new Dictionary<string, Func<string, string>>
    {
        ["class"] = FunctionCode.Class, ["section"] = FunctionCode.Section, ["item"] = FunctionCode.Item,
    };

    /// <summary>
    /// The variance of each classification node at a level, over lines already filtered by fund source; each node named by
    /// the year's code list (<paramref name="codes"/>), or flagged when the list lacks it.
    /// </summary>
    public static IReadOnlyList<VarianceNode> Of(int year, string level, IEnumerable<Appropriation> lines, IReadOnlyList<LineEvent> events,
        FunctionClassification codes, Language language) =>
        lines.GroupBy(a => Levels[level](a.FunctionClass))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Node(year, g.Key, g.ToList(), events, codes.Name(g.Key), language))
            .ToList();

    private static VarianceNode Node(int year, string code, IReadOnlyCollection<Appropriation> lines, IReadOnlyList<LineEvent> events,
        string? name, Language language)
    {
        var original = lines.Sum(a => a.Original);
        var final = lines.Sum(a => a.Executed);
        var change = final - original;
        var reasons = VarianceReasons.Derive(lines, events);
        return new VarianceNode(code, name, lines.Count,
            original.Yuan, final.Yuan, change.Yuan, original == Money.Zero ? null : Rounding.Percent(change, original),
            Rounding.ToWanYuan(original), Rounding.ToWanYuan(final), Rounding.ToWanYuan(change),
            ExplanationFormatter.Explain(year, original, final, reasons, language),
            reasons.Select(r =>
                new VarianceReasonFigures(Wire.Name(r.Kind), r.Label, r.Effect.Yuan, Rounding.ToWanYuan(r.Effect), r.Sequences,
                    r.Placeholder)).ToList(),
            UnknownCode: name is null);
    }
}
