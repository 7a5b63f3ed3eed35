using System.Globalization;
using FundLedger.Appropriations;
using FundLedger.Ledger;
using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>
/// Rebuilds every appropriation from its events alone, with the projection's own fold, and compares it figure by
/// figure with the live projection (invariant 8). A difference names the appropriation and the figure.
/// </summary>
public static class ProjectionVerifier
{
    private static readonly (string Figure, Func<Appropriation, string> Read)[] Figures =
    [
        ("original", a => M(a.Original)), ("supplements", a => M(a.Supplements)), ("reductions", a => M(a.Reductions)),
        ("disbursed", a => M(a.Disbursed)), ("reversed", a => M(a.Reversed)), ("carried", a => M(a.Carried)), ("lapsed", a => M(a.Lapsed)),
        ("q1", a => M(a.Quarters[0])), ("q2", a => M(a.Quarters[1])), ("q3", a => M(a.Quarters[2])), ("q4", a => M(a.Quarters[3])),
        // What payments naming other classes hold (the line's own class is the rest of disbursed and reversed, above).
        ("other-economic-classes", a => string.Join(" ", (a.OtherClasses ?? new Dictionary<string, ClassExecution>())
            .OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}:{M(c.Value.Disbursed)}/{M(c.Value.Reversed)}"))),
        ("closed", a => a.Closed.ToString()), ("version", a => a.Version.ToString(CultureInfo.InvariantCulture)),
    ];

    public static async Task<ProjectionVerification> VerifyAsync(StoreSession session, CancellationToken ct)
    {
        var replayed = await ReplayAsync(session, ct);
        var live = (await session.AllAsync<Appropriation>(ct)).ToDictionary(a => a.Id);

        var differences = new List<ProjectionDifference>();
        foreach (var (id, rebuilt) in replayed)
        {
            if (!live.TryGetValue(id, out var current)) { differences.Add(new(id, "document", "missing", "present")); continue; }
            differences.AddRange(Figures.Where(f => f.Read(current) != f.Read(rebuilt))
                .Select(f => new ProjectionDifference(id, f.Figure, f.Read(current), f.Read(rebuilt))));
        }
        differences.AddRange(live.Keys.Except(replayed.Keys)
            .Select(id => new ProjectionDifference(id, "document", "present", "no events")));
        return new ProjectionVerification(differences.Count == 0, replayed.Count, differences);
    }

    /// <summary>
    /// The district's appropriations folded from its events alone, read a page at a time in sequence order: memory holds
    /// the appropriations, not the history (a million events held at once took over a gigabyte).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, Appropriation>> ReplayAsync(StoreSession session, CancellationToken ct)
    {
        var state = new Dictionary<string, Appropriation>();
        // Pages in sequence order by the district's (tenant_id, seq_id) index, whatever the statistics say (see AuditReader).
        await using var audit = await AuditReader.OpenAsync(session, ct);
        for (long after = 0; ;)
        {
            var page = await LedgerTables.ReadEventsAsync(audit.Connection, session.Model, after, LedgerRebuild.Page, ct, session.TenantId);
            if (page.Count == 0) return state;
            AppropriationHistory.Fold(state, page.Select(e => (e.Stream, e.Data)));
            after = page[^1].Sequence;
        }
    }

    private static string M(Money m) => m.ToString();
}
