using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using FundLedger.Telemetry;

namespace FundLedger.Live;

/// <summary>
/// A district's committed events as server-sent events, in sequence order, from the one after <c>Last-Event-ID</c> (a
/// reconnecting client resumes where it left off) or, for a new client, from now. Events become visible in sequence order
/// (<see cref="Store.EventStoreSql.CommitOrderLock"/>), so reading past the last sequence sent never skips one. The stream
/// ends when the token that opened it expires (an <c>expired</c> item says so), and when the client falls
/// <see cref="LiveFollower.Queue"/> events behind (it reconnects and resumes).
/// </summary>
public static class LiveFeed
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async IAsyncEnumerable<SseItem<LiveEvent>> StreamAsync(LiveSubscription subscription, LiveLease lease,
        DateTimeOffset expires, [EnumeratorCancellation] CancellationToken ct)
    {
        using var _ = lease;
        await using var __ = subscription;
        LedgerTelemetry.LiveStreams.Add(1);
        try
        {
            var last = subscription.Start;
            // The first item tells a new client where it starts, so a reconnection resumes even if nothing happened meanwhile.
            yield return Item(last, "connected");
            await foreach (var e in subscription.BacklogAsync(ct))
            {
                last = e.Sequence;
                yield return Ledger(e);
            }
            while (!ct.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                if (now >= expires)
                {
                    yield return Item(last, "expired");
                    yield break;
                }
                var (events, ended) = await subscription.NextAsync(Min(KeepAlive, expires - now), ct);
                foreach (var e in events)
                {
                    // A tail hands over what it read; what this stream already sent (from its backlog) is not sent again.
                    if (e.Sequence <= last) continue;
                    last = e.Sequence;
                    yield return Ledger(e);
                }
                if (ended) yield break;
                if (events.Count == 0 && DateTimeOffset.UtcNow < expires) yield return Item(last, "keep-alive");
            }
        }
        finally { LedgerTelemetry.LiveStreams.Add(-1); }
    }

    /// <summary>A committed event as the stream sends it, counted.</summary>
    private static SseItem<LiveEvent> Ledger(LiveEvent e)
    {
        LedgerTelemetry.LiveEvents.Add(1);
        return new SseItem<LiveEvent>(e, "ledger") { EventId = e.Sequence.ToString() };
    }

    private static SseItem<LiveEvent> Item(long last, string type) =>
        new(new LiveEvent(last, "", type, DateTimeOffset.UtcNow, null, null), type) { EventId = last.ToString() };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>One stream's place in its district's tail: the backlog it resumes with, then the events the tail hands over.</summary>
public sealed class LiveSubscription : IAsyncDisposable
{
    private readonly LiveHub _hub;
    private readonly DistrictTail _tail;
    private readonly LiveFollower _follower;
    private readonly long _head;
    private readonly IReadOnlyList<LiveEvent>? _recent;

    internal LiveSubscription(LiveHub hub, DistrictTail tail, LiveFollower follower, long start, long head,
        IReadOnlyList<LiveEvent>? recent)
    {
        (_hub, _tail, _follower, _head, _recent) = (hub, tail, follower, head, recent);
        Start = start;
    }

    /// <summary>The sequence the stream starts after: the resume point, or the district's head for a new stream.</summary>
    public long Start { get; }

    /// <summary>Events between the resume point and the head at subscription: from the tail's memory, or read from the database.</summary>
    public async IAsyncEnumerable<LiveEvent> BacklogAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var backlog = _recent ?? await _hub.ReadAsync(_tail.District, Start, _head, ct);
        foreach (var e in backlog) yield return e;
    }

    /// <summary>
    /// The events handed over since the last call, waiting at most <paramref name="wait"/> for one; ended when the stream
    /// fell too far behind.
    /// </summary>
    public async Task<(IReadOnlyList<LiveEvent> Events, bool Ended)> NextAsync(TimeSpan wait, CancellationToken ct)
    {
        var reader = _follower.Events;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        bool open;
        try { open = await reader.WaitToReadAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return ([], false); }
        var events = new List<LiveEvent>();
        while (events.Count < LiveFollower.Queue && reader.TryRead(out var e)) events.Add(e);
        return (events, !open);
    }

    public ValueTask DisposeAsync()
    {
        _tail.Remove(_follower);
        return ValueTask.CompletedTask;
    }
}
