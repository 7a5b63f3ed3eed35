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
    private readonly ConcurrentDictionary<(string District, string Report), (long Head, Task<object> Value)> _entries = new();

    public async Task<T> GetAsync<T>(IQuerySession session, string report, Func<Task<T>> compute, CancellationToken ct) where T : class
    {
        var head = await HeadAsync(session, ct);
        var key = (session.TenantId, report);
        if (_entries.TryGetValue(key, out var entry) && entry.Head == head && entry.Value.IsCompletedSuccessfully)
        {
            Telemetry.LedgerTelemetry.ReportCacheHits.Add(1);
            return (T)entry.Value.Result;
        }
        // One computation per head: concurrent readers of the same new head wait for it instead of each loading every
        // appropriation of the year at once (16 dashboards polling together would otherwise hold 16 copies in memory).
        if (_entries.Count >= MaxEntries) _entries.Clear();   // crude bound: districts × reports is small in practice
        var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _entries.AddOrUpdate(key, (head, mine.Task), (_, old) => old.Head == head && !old.Value.IsFaulted ? old : (head, mine.Task));
        if (current.Value != mine.Task) return (T)await current.Value;
        try
        {
            var value = await compute();
            mine.SetResult(value);
            return value;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _entries.TryRemove(KeyValuePair.Create(key, current));
            throw;
        }
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
