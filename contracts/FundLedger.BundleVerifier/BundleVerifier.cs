using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FundLedger.Audit;

namespace FundLedger.BundleVerifier;

/// <summary>What the offline check found wrong, and where.</summary>
public sealed record Finding(string Where, string Problem);

/// <summary>
/// Checks an auditor bundle without the service or its database: every event's hash link, the chain between
/// consecutive links, and every figure recomputed from the events with a fold written here, independently of the
/// service's code.
/// </summary>
public static class Verifier
{
    public static IReadOnlyList<Finding> Verify(AuditBundle bundle)
    {
        var findings = new List<Finding>();
        var byPosition = bundle.Events.ToDictionary(e => e.Position);
        foreach (var e in bundle.Events)
        {
            var expected = Convert.ToHexStringLower(SHA256.HashData(
                [.. e.Previous is null ? [] : Convert.FromHexString(e.Previous), .. Encoding.UTF8.GetBytes(Canonical(e))]));
            if (expected != e.Hash) findings.Add(new($"event {e.Sequence}", "its content does not hash to its recorded link"));
            if (byPosition.TryGetValue(e.Position - 1, out var before) && before.Hash != e.Previous)
                findings.Add(new($"event {e.Sequence}", "its link does not follow the event before it"));
        }

        var recomputed = Fold(bundle.Events);
        foreach (var stated in bundle.Appropriations)
        {
            if (!recomputed.TryGetValue(stated.Stream, out var mine))
            {
                findings.Add(new(stated.Stream, "no events behind these figures"));
                continue;
            }
            foreach (var (figure, theirs, ours) in Compare(stated, mine))
                if (theirs != ours) findings.Add(new(stated.Stream, $"{figure}: stated {theirs:0.00}, the events give {ours:0.00}"));
        }
        var executed = recomputed.Values.Sum(f => f.Disbursed - f.Reversed);
        var adjusted = recomputed.Values.Sum(f => f.Original + f.Supplements - f.Reductions);
        if (executed != bundle.Execution.Totals.Executed)
            findings.Add(new("execution", $"executed: stated {bundle.Execution.Totals.Executed:0.00}, the events give {executed:0.00}"));
        if (adjusted != bundle.Execution.Totals.Adjusted)
            findings.Add(new("execution", $"adjusted: stated {bundle.Execution.Totals.Adjusted:0.00}, the events give {adjusted:0.00}"));
        return findings;
    }

    /// <summary>The database's canonical form: the hashed columns joined by '|', absent ones skipped (concat_ws).</summary>
    public static string Canonical(BundleEvent e) => string.Join('|', new string?[]
    {
        e.Tenant, Int(e.Sequence), e.Id.ToString("D"), e.Stream, Int(e.Version), e.Type, e.DataText, Int(e.TimestampMicros),
        e.CorrelationId, e.CausationId, e.User, e.HeadersText,
    }.Where(p => p is not null));

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Figures
    {
        public decimal Original, Supplements, Reductions, Disbursed, Reversed, Carried, Lapsed;
    }

    private static Dictionary<string, Figures> Fold(IEnumerable<BundleEvent> events)
    {
        var lines = new Dictionary<string, Figures>();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            using var data = JsonDocument.Parse(e.DataText);
            decimal Amount(string name) => data.RootElement.GetProperty(name).GetDecimal();
            var f = lines.TryGetValue(e.Stream, out var existing) ? existing : null;
            switch (e.Type)
            {
                case "appropriation_enacted": lines[e.Stream] = new Figures { Original = Amount("originalAmount") }; break;
                case "appropriation_carried_over": lines[e.Stream] = new Figures { Original = Amount("amount") }; break;
                case "opening_balance_adjusted" when f is not null: f.Original += Amount("change"); break;
                case "appropriation_supplemented" when f is not null: f.Supplements += Amount("amount"); break;
                case "appropriation_reduced" when f is not null: f.Reductions += Amount("amount"); break;
                case "disbursement_recorded" when f is not null: f.Disbursed += Amount("amount"); break;
                case "disbursement_reversed" when f is not null: f.Reversed += Amount("amount"); break;
                case "balance_carried_forward" when f is not null: f.Carried += Amount("amount"); break;
                case "balance_lapsed" when f is not null: f.Lapsed += Amount("amount"); break;
            }
        }
        return lines;
    }

    private static IEnumerable<(string, decimal, decimal)> Compare(BundleFigures s, Figures f) =>
    [
        ("original", s.Original, f.Original), ("supplements", s.Supplements, f.Supplements), ("reductions", s.Reductions, f.Reductions),
        ("disbursed", s.Disbursed, f.Disbursed), ("reversed", s.Reversed, f.Reversed), ("carried", s.Carried, f.Carried),
        ("lapsed", s.Lapsed, f.Lapsed), ("adjusted", s.Adjusted, f.Original + f.Supplements - f.Reductions),
        ("executed", s.Executed, f.Disbursed - f.Reversed),
    ];
}
