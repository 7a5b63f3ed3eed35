using FundLedger.Appropriations;

namespace FundLedger.Reporting;

public enum ReasonKind { CarryForward, NewLine, Supplement, Reduction, Lapse, Unexplained }

/// <summary>
/// One reason for the difference between final and original: its signed effect on the final figure, and the events behind it.
/// </summary>
public sealed record VarianceReason(
    ReasonKind Kind, string Label, Money Effect, IReadOnlyList<long> Sequences, CarryForwardKind? CarryKind = null, int? IntoYear = null,
    bool Placeholder = false);

/// <summary>An event of an appropriation's stream with its global sequence number.</summary>

/// <summary>
/// Derives the reasons for a variance from recorded events only. For every line
/// final − original = supplements − reductions − carried − lapsed − (unspent, not yet carried or lapsed),
/// so the reasons always add up to the change; the last term has no event behind it and is reported as the
/// unexplained remainder rather than given a reason.
/// </summary>
public static class VarianceReasons
{
    public static IReadOnlyList<VarianceReason> Derive(IReadOnlyCollection<Appropriation> lines, IEnumerable<LineEvent> events)
    {
        var names = lines.ToDictionary(l => l.Id, l => l.Name);
        // A line with no original budget is new in the year: its supplements are the line itself, not a top-up.
        var newLines = lines.Where(l => l.Original == Money.Zero && l.CarriedFrom is null).Select(l => l.Id).ToHashSet();
        var raw = new List<VarianceReason>();
        foreach (var e in events.Where(e => names.ContainsKey(e.StreamKey)))
        {
            var name = names[e.StreamKey];
            VarianceReason? reason = e.Data switch
            {
                AppropriationSupplemented s when newLines.Contains(e.StreamKey) => new(ReasonKind.NewLine, name, s.Amount, [e.Sequence]),
                AppropriationSupplemented s =>
                    new(ReasonKind.Supplement, Label(s.Reason, "财政追加", "追加"), s.Amount, [e.Sequence],
                        Placeholder: s.Placeholder == true),
                AppropriationReduced r =>
                    new(ReasonKind.Reduction, Label(r.Reason, "财政收回", "收回", "调减"), -r.Amount, [e.Sequence],
                        Placeholder: r.Placeholder == true),
                BalanceCarriedForward c => new(ReasonKind.CarryForward, name, -c.Amount, [e.Sequence], c.Kind, c.TargetYear),
                BalanceLapsed { Amount.IsPositive: true } l => new(ReasonKind.Lapse, name, -l.Amount, [e.Sequence]),
                _ => null,
            };
            if (reason is not null) raw.Add(reason);
        }

        var reasons = raw
            .GroupBy(r => (r.Kind, r.Label, r.CarryKind, r.IntoYear, r.Placeholder))
            .Select(g => g.First() with { Effect = g.Sum(r => r.Effect), Sequences = g.SelectMany(r => r.Sequences).Order().ToList() })
            .Where(r => r.Effect != Money.Zero)
            .ToList();

        var unexplained = -lines.Where(l => !l.Closed).Sum(l => l.Available);
        if (unexplained != Money.Zero) reasons.Add(new VarianceReason(ReasonKind.Unexplained, "", unexplained, []));
        return reasons.OrderBy(r => r.Kind).ThenByDescending(r => Math.Abs(r.Effect.Yuan)).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The reason text without the verb the formatter adds back (追加 …, 收回 …).</summary>
    private static string Label(string reason, params string[] verbs)
    {
        var label = reason.Trim();
        foreach (var verb in verbs)
            if (label.StartsWith(verb, StringComparison.Ordinal)) return label[verb.Length..].Trim();
        return label;
    }
}
