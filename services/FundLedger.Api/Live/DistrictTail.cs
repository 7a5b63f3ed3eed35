using System.Threading.Channels;

namespace FundLedger.Live;

/// <summary>
/// One district's tail on this replica: while any stream of the district is open it reads the district's new events, once
/// per wake-up (a commit of this replica, or <see cref="LiveHub.Check"/> for another replica's), and hands them to every
/// open stream. However many streams are open, a wake-up costs one read. The last <see cref="Recent"/> events are kept, so a
/// stream that reconnects shortly after a drop resumes from memory; an older resume point is read by the stream itself.
/// </summary>
internal sealed class DistrictTail(string district)
{
    public const int Recent = 1_000;

    private readonly Lock _gate = new();
    private readonly HashSet<LiveFollower> _followers = [];
    private readonly Queue<LiveEvent> _recent = new();
    private long _head;          // the last sequence read
    private long _floor;         // _recent holds every event after this sequence, up to _head
    private TaskCompletionSource<bool>? _started;

    public string District => district;

    /// <summary>
    /// Registers a follower; the first one starts the tail (<paramref name="start"/>). Answers the head at registration and
    /// the recent events after <paramref name="after"/>, or null for them when the tail no longer holds them all.
    /// </summary>
    public async Task<(long Head, IReadOnlyList<LiveEvent>? Recent)> AddAsync(LiveFollower follower, long? after,
        Func<DistrictTail, Task> start, CancellationToken ct)
    {
        Task<bool> started;
        lock (_gate)
        {
            if (_started is null)
            {
                _started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = start(this);
            }
            started = _started.Task;
            _followers.Add(follower);
        }
        await started.WaitAsync(ct);
        lock (_gate)
        {
            if (after is not { } from || from >= _head) return (_head, []);
            if (from < _floor) return (_head, null);
            return (_head, _recent.Where(e => e.Sequence > from).ToList());
        }
    }

    public void Remove(LiveFollower follower)
    {
        lock (_gate) _followers.Remove(follower);
    }

    /// <summary>The tail's first read found the district's head: followers may start.</summary>
    public void Started(long head)
    {
        lock (_gate)
        {
            _head = _floor = head;
            _recent.Clear();
            _started!.TrySetResult(true);
        }
    }

    public long Head
    {
        get { lock (_gate) return _head; }
    }

    /// <summary>Hands newly read events to every follower; one whose queue is full is ended (it resumes by reconnecting).</summary>
    public void Publish(IReadOnlyList<LiveEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                _recent.Enqueue(e);
                if (_recent.Count > Recent) _floor = _recent.Dequeue().Sequence;
                _head = e.Sequence;
            }
            foreach (var follower in _followers) follower.Offer(events);
        }
    }

    /// <summary>
    /// Stops the tail when no stream follows it any more (answers false); a follower that comes later starts a new one,
    /// which reads the head again.
    /// </summary>
    public bool KeepGoing()
    {
        lock (_gate)
        {
            if (_followers.Count > 0) return true;
            _started = null;
            return false;
        }
    }

    /// <summary>A tail that could not start (the database is down) fails its waiting followers; the next one tries again.</summary>
    public void Failed(Exception e)
    {
        lock (_gate)
        {
            _started?.TrySetException(e);
            _started = null;
        }
    }
}

/// <summary>One open stream's queue of events handed over by its district's tail.</summary>
public sealed class LiveFollower
{
    public const int Queue = 2_000;

    private readonly Channel<LiveEvent> _events =
        Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(Queue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<LiveEvent> Events => _events.Reader;

    /// <summary>
    /// Queues what the tail read. A follower that did not keep up is completed: its stream sends what it has, ends, and the
    /// client resumes with Last-Event-ID.
    /// </summary>
    internal void Offer(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events)
        {
            if (_events.Writer.TryWrite(e)) continue;
            _events.Writer.TryComplete();
            return;
        }
    }
}
