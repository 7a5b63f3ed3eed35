using System.Collections.Concurrent;
using FundLedger.Appropriations;
using FundLedger.Store;

namespace FundLedger.Reporting;

/// <summary>
/// The year's function classification for the live reports (execution, variance, the 决算说明), kept per district-year
/// with the event sequence it reflects (the line cache's). A read at a newer head asks only whether a list of the year
/// was loaded since (the events between the two heads, one index range), so a report does not read the lists again for
/// every payment recorded meanwhile. As of an instant, the lists are read as they were then.
/// </summary>
public sealed class ClassificationCache(LineCache lines)
{
    private const int MaxYears = 256;
    private readonly ConcurrentDictionary<(string District, int Year), (long Head, FunctionClassification Codes)> _entries = new();

    /// <summary>
    /// The year's list now (at <paramref name="head"/> when the caller has just refreshed the year's lines, else at the line
    /// cache's head) or as of an instant.
    /// </summary>
    public async Task<FunctionClassification> ForAsync(StoreSession session, int year, DateTimeOffset? asOf, CancellationToken ct,
        long? head = null)
    {
        if (asOf is not null) return await FunctionClassification.ReadAsync(session, year, asOf, ct);
        var district = session.TenantId;
        head ??= (await lines.SnapshotAsync(district, year, ct)).Head;
        if (_entries.Count >= MaxYears) _entries.Clear();
        var known = _entries.GetValueOrDefault((district, year));
        if (known.Codes is not null && known.Head == head) return known.Codes;
        var codes = known.Codes is not null && known.Head < head && !await LoadedBetweenAsync(session, year, known.Head, head.Value, ct)
            ? known.Codes
            : await FunctionClassification.ReadAsync(session, year, null, ct);
        _entries[(district, year)] = (head.Value, codes);
        return codes;
    }

    private static async Task<bool> LoadedBetweenAsync(StoreSession session, int year, long after, long head, CancellationToken ct)
    {
        var lists = await LedgerSnapshot.StreamsChangedAsync(await session.ConnectionAsync(ct), session.TenantId, after, head,
            FunctionClassification.StreamFor(year, "%"), ct);
        return lists.Count > 0;
    }
}
