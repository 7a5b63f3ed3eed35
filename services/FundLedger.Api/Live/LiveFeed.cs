using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using Marten;
using Npgsql;

namespace FundLedger.Live;

/// <summary>
/// A district's committed events as server-sent events, in sequence order, from the one after <c>Last-Event-ID</c> (a
/// reconnecting client resumes where it left off) or, for a new client, from now. Events become visible in sequence
/// order (<see cref="Ledger.LedgerTables.CommitOrderLock"/>), so reading past the last sequence sent never skips one.
/// </summary>
public static class LiveFeed
{
    /// <summary>
    /// How long a stream waits for a signal before it looks for writes of other replicas; a comment keeps proxies from closing it.
    /// </summary>
    public static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private const int Batch = 200;

    public static async IAsyncEnumerable<SseItem<LiveEvent>> StreamAsync(IDocumentStore store, CommitSignal signal, string district,
        long? after, [EnumeratorCancellation] CancellationToken ct)
    {
        LedgerTelemetry.LiveStreams.Add(1);
        try
        {
            await foreach (var item in ItemsAsync(store, signal, district, after, ct)) yield return item;
        }
        finally { LedgerTelemetry.LiveStreams.Add(-1); }
    }

    private static async IAsyncEnumerable<SseItem<LiveEvent>> ItemsAsync(IDocumentStore store, CommitSignal signal, string district,
        long? after, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = after ?? await HeadAsync(store, district, ct);
        var quiet = DateTimeOffset.UtcNow;
        // The first item tells a new client where it starts, so a reconnection resumes even if nothing happened meanwhile.
        yield return new SseItem<LiveEvent>(new LiveEvent(last, "", "connected", DateTimeOffset.UtcNow, null, null), "connected")
        {
            EventId = last.ToString(),
        };
        while (!ct.IsCancellationRequested)
        {
            var events = await AfterAsync(store, district, last, ct);
            foreach (var e in events)
            {
                last = e.Sequence;
                LedgerTelemetry.LiveEvents.Add(1);
                yield return new SseItem<LiveEvent>(e, "ledger") { EventId = e.Sequence.ToString() };
            }
            if (events.Count == Batch) continue;
            if (events.Count > 0) quiet = DateTimeOffset.UtcNow;
            else if (DateTimeOffset.UtcNow - quiet > KeepAlive)
            {
                quiet = DateTimeOffset.UtcNow;
                yield return new SseItem<LiveEvent>(new LiveEvent(last, "", "keep-alive", quiet, null, null), "keep-alive")
                {
                    EventId = last.ToString(),
                };
            }
            await signal.WaitAsync(district, Check, ct);
        }
    }

    private static async Task<long> HeadAsync(IDocumentStore store, string district, CancellationToken ct)
    {
        await using var session = store.QuerySession(district);
        return await LedgerSnapshot.HeadAsync((NpgsqlConnection)session.Connection!, district, ct);
    }

    private static async Task<IReadOnlyList<LiveEvent>> AfterAsync(IDocumentStore store, string district, long after, CancellationToken ct)
    {
        await using var session = store.QuerySession(district);
        await using var command = new NpgsqlCommand(EventStoreSql.LiveEventsAfter, (NpgsqlConnection)session.Connection!);
        command.Parameters.AddWithValue("limit", Batch);
        command.Parameters.AddWithValue("tenant", district);
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<LiveEvent>();
        while (await reader.ReadAsync(ct))
        {
            var stream = reader.GetString(1);
            var (year, code) = Line(stream);
            events.Add(new LiveEvent(reader.GetInt64(0), stream, reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), year, code,
                reader.IsDBNull(4) ? null : decimal.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return events;
    }

    /// <summary>The year and code of an appropriation's stream (<c>2020/P01</c>); the fiscal year's stream names only its year.</summary>
    private static (int? Year, string? Code) Line(string stream)
    {
        var parts = stream.Split('/');
        return parts switch
        {
            [var y, var code] when int.TryParse(y, out var year) => (year, code),
            ["fiscal-year", var y] when int.TryParse(y, out var year) => (year, null),
            _ => (null, null),
        };
    }
}
