using System.Collections.Concurrent;
using FundLedger.Hosting;
using Marten;
using Npgsql;

namespace FundLedger.Reporting;

/// <summary>
/// Remembers computed reports per district by the district's newest event (its head), so dashboards polling the
/// same figures do not re-aggregate every appropriation of the year on each request. Exact, never stale: the head
/// is read before the figures, so an entry is used only while no event has been recorded in the district since;
/// a client that has just written sees a new head and gets a fresh computation. Each replica keeps its own.
/// </summary>
public sealed class ReportCache
{
    private const int MaxEntries = 4_096;
    private readonly ConcurrentDictionary<(string District, string Report), (long Head, object Value)> _entries = new();

    public async Task<T> GetAsync<T>(IQuerySession session, string report, Func<Task<T>> compute, CancellationToken ct) where T : class
    {
        var head = await HeadAsync(session, ct);
        var key = (session.TenantId, report);
        if (_entries.TryGetValue(key, out var entry) && entry.Head == head && entry.Value is T cached)
        {
            Telemetry.LedgerTelemetry.ReportCacheHits.Add(1);
            return cached;
        }
        var value = await compute();
        if (_entries.Count >= MaxEntries) _entries.Clear();   // crude bound: districts × reports is small in practice
        _entries[key] = (head, value);
        return value;
    }

    /// <summary>The district's newest event sequence (an index-only scan of mt_events_tenant_seq), or 0 when it has none.</summary>
    private static async Task<long> HeadAsync(IQuerySession session, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(seq_id), 0) from {MartenSetup.Schema}.mt_events where tenant_id = @tenant", (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("tenant", session.TenantId);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
