using System.Diagnostics;
using System.Threading.Channels;
using FundLedger.Telemetry;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using FundLedger.Kernel;
using FundLedger.Http;
using FundLedger.Store;

namespace FundLedger.Ledger;

/// <summary>
/// Group commit: writes that arrive while a transaction is in flight queue up, and the next transaction takes all of
/// them (up to <see cref="MaxGroup"/> items), locks and reads in one round trip, decides each in arrival order against
/// what the writes before it left, writes everything and commits in a second, and only then answers each caller.
/// There is no timer: a lone write at low load starts its transaction at once. One refused write does not affect
/// the others; a failure of the whole transaction retries its writes one by one, and no caller is told "recorded"
/// unless its commit is known to have succeeded.
/// </summary>
public sealed partial class GroupCommitter : BackgroundService
{
    /// <summary>Items per transaction: a 1,000-item batch still runs (alone); 256 keeps a group's arrays and locks modest.</summary>
    public const int MaxGroup = 256;
    private const int Attempts = 3;

    private readonly Dictionary<string, Lane> _lanes;
    private readonly LedgerDatabases _databases;
    private readonly LedgerTables _tables;
    private readonly ILedgerProjection _projection;
    private readonly System.Text.Json.JsonSerializerOptions _answers;
    private readonly ILogger<GroupCommitter> _log;
    private readonly DatabaseOutage _outage;
    private readonly CommitSignal _live;
    private readonly int _pipelines;

    public GroupCommitter(LedgerTables tables, ILedgerProjection projection, LedgerDatabases databases, IConfiguration configuration,
        IOptions<JsonOptions> json, DatabaseOutage outage, CommitSignal live, ILogger<GroupCommitter> log)
    {
        _live = live;
        _tables = tables;
        _projection = projection;
        _databases = databases;
        _outage = outage;
        _answers = json.Value.SerializerOptions;
        _log = log;
        // Transactions in flight at once, per database. Two: while one group commits (its appends and the WAL flush, under
        // the commit-order lock), the next locks, reads and decides. Measured on 2 cores (issue 23's gate, bench-gate.md),
        // against one pipeline: 1.21x the POST rate at 16 clients and 1.17x at 64. (When the commit-order lock was taken
        // before the reads, two had cost 20 % at 16 clients: each group waited for the whole of the one before it.)
        _pipelines = Math.Max(1, configuration.GetValue("FundLedger:Writes:Pipelines", 2));
        // A queue per database: a group is one transaction, so it never mixes districts of different databases, and a
        // database that is down or slow holds up only its own districts' writes.
        _lanes = databases.All.ToDictionary(d => d.Name, d => new Lane(d, _pipelines, d.DataSource(b =>
        {
            b.ApplicationName = ApplicationName;
            b.MaxPoolSize = _pipelines + 2;
            // A host that does not answer at all fails a write in 5 s, not Npgsql's default 15.
            b.Timeout = 5;
            // The group's statements have a fixed text whatever its size (arrays, not value lists): prepared once per
            // connection, PostgreSQL stops planning them on every group.
            b.MaxAutoPrepare = 32;
            b.AutoPrepareMinUsages = 2;
        })));
    }

    /// <summary>Writes waiting for a transaction, and how many transactions may be in flight at once per database.</summary>
    public int Queued => _lanes.Values.Sum(l => l.Queues.Sum(q => q.Reader.Count));
    public int Pipelines => _pipelines;

    /// <summary>The writers' connections name themselves, so an operator (or a fault test) can find them in pg_stat_activity.</summary>
    public const string ApplicationName = "fundledger-writer";

    private sealed record Pending(LedgerWrite Write, Origin Origin, TaskCompletionSource<WriteAnswer> Answer, long Queued)
    {
        public void Settle(WriteAnswer answer) => Answer.TrySetResult(answer);
    }

    /// <summary>
    /// One database's writes: a queue per pipeline and the data source the pipelines connect with. A write goes to the
    /// queue of the first stream it locks, so the writes of one appropriation meet in one pipeline's groups (in arrival
    /// order) instead of two pipelines' groups waiting on each other's row locks: on one hot appropriation, two pipelines
    /// sharing one queue made groups of half the size, each waiting for the other's commit.
    /// </summary>
    private sealed record Lane(LedgerDatabaseInfo Info, int Pipelines, NpgsqlDataSource Database)
    {
        public Channel<Pending>[] Queues { get; } =
            Enumerable.Range(0, Pipelines).Select(_ => Channel.CreateUnbounded<Pending>()).ToArray();

        public Channel<Pending> QueueOf(LedgerWrite write)
        {
            if (Queues.Length == 1) return Queues[0];
            var needs = new WriteNeeds();
            write.Declare(needs);
            return Queues[StableHash.Bucket(needs.LockedStreams.Count > 0 ? needs.LockedStreams.Min.Id : write.District, Queues.Length)];
        }
    }

    public Task<WriteAnswer> SubmitAsync(LedgerWrite write, Origin origin)
    {
        var pending = new Pending(write, origin,
            new TaskCompletionSource<WriteAnswer>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        // The district gate serves only districts with a database, so the lookup cannot miss for a request.
        var lane = _lanes[(_databases.For(write.District)
            ?? throw new InvalidOperationException($"no database holds district {write.District}")).Name];
        if (lane.QueueOf(write).Writer.TryWrite(pending)) LedgerTelemetry.QueueDepth.Add(1);
        else pending.Settle(WriteAnswer.Unavailable(Unavailable.NotRecorded("the service is shutting down")));
        return pending.Answer.Task;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_lanes.Values.SelectMany(lane =>
            lane.Queues.Select(queue => Task.Run(() => PipelineAsync(lane, queue.Reader), CancellationToken.None))));

    /// <summary>Stops taking writes and lets the pipelines finish (and answer) those already queued.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _lanes.Values.SelectMany(l => l.Queues)) queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        foreach (var lane in _lanes.Values) lane.Database.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// A pipeline's own connection, kept open from group to group: a connection returned to the pool is reset before its
    /// next use (six statements), which cost more than some groups' own work. Dropped after any failure.
    /// </summary>
    private sealed class Pipeline(Lane lane)
    {
        private NpgsqlConnection? _connection;

        public Lane Lane => lane;

        public async Task<NpgsqlConnection> ConnectionAsync()
        {
            if (_connection is { State: System.Data.ConnectionState.Open } open) return open;
            await DropAsync();
            return _connection = await lane.Database.OpenConnectionAsync();
        }

        public async Task DropAsync()
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task PipelineAsync(Lane lane, ChannelReader<Pending> reader)
    {
        var pipeline = new Pipeline(lane);
        Pending? carried = null;
        while (carried is not null || await reader.WaitToReadAsync())
        {
            var group = new List<Pending>();
            var size = 0;
            if (carried is not null) (group, size, carried) = ([carried], carried.Write.Size, null);
            while (!(group.Count > 0 && group[0].Write.Alone) && reader.TryRead(out var next))
            {
                if (group.Count > 0 && (next.Write.Alone || size + next.Write.Size > MaxGroup))
                {
                    carried = next;
                    break;
                }
                group.Add(next);
                size += next.Write.Size;
            }
            if (group.Count == 0) continue;
            var started = Stopwatch.GetTimestamp();
            LedgerTelemetry.QueueDepth.Add(-group.Count);
            foreach (var pending in group) LedgerTelemetry.QueueWait.Record(Stopwatch.GetElapsedTime(pending.Queued, started).TotalSeconds);
            try { await CommitAsync(pipeline, group); }
            catch (Exception e)
            {
                // Whatever went wrong around a group must not stop the pipeline that every later write waits on.
                LogFailed(_log, e, group.Count);
                foreach (var pending in group) pending.Settle(InternalError);
            }
        }
        await pipeline.DropAsync();
    }

    private async Task CommitAsync(Pipeline pipeline, IReadOnlyList<Pending> group)
    {
        var result = await RunGroupAsync(pipeline, group);
        if (result.Answers is { } answers)
        {
            Deliver(group, answers, result.State!);
            return;
        }
        if (result.Failure == Failure.Unknown)
        {
            _outage.Report(pipeline.Lane.Info, "a commit was interrupted and the database could not be asked whether it happened");
            foreach (var pending in group) pending.Settle(WriteAnswer.Unavailable(Unavailable.OutcomeUnknown()));
            return;
        }
        if (result.Failure == Failure.Unreachable)
        {
            foreach (var pending in group) pending.Settle(CannotBeReached);
            return;
        }
        // The transaction as a whole failed and recorded nothing: each write again, alone, so one cannot fail the others.
        var unreachable = false;
        foreach (var pending in group)
        {
            // Once the database cannot be reached, the rest of the group (which recorded nothing) is told so at once,
            // rather than each waiting out a connection attempt of its own.
            if (unreachable)
            {
                pending.Settle(CannotBeReached);
                continue;
            }
            LedgerTelemetry.Retries.Add(1, new("fundledger.operation", pending.Write.Operation),
                new("fundledger.reason", result.Failure.ToString().ToLowerInvariant()));
            unreachable = await CommitAloneAsync(pipeline, pending) == Failure.Unreachable;
        }
    }

    /// <summary>One write alone, a few attempts; settles it and returns why it failed (None when it was answered).</summary>
    private async Task<Failure> CommitAloneAsync(Pipeline pipeline, Pending pending)
    {
        var failure = Failure.None;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var result = await RunGroupAsync(pipeline, [pending]);
            if (result.Answers is { } answers)
            {
                Deliver([pending], answers, result.State!);
                return Failure.None;
            }
            failure = result.Failure;
            if (failure is Failure.Unknown or Failure.Unreachable or Failure.Error || attempt == Attempts) break;
            // A lost race is settled at once by the retry (it reads the winner's answer); a deadlock or a dropped
            // connection gets a moment before the next attempt.
            if (failure != Failure.LostRace) await Task.Delay(20 * attempt);
        }
        if (failure is Failure.Dropped or Failure.Unknown or Failure.Unreachable)
            _outage.Report(pipeline.Lane.Info, $"a write could not be committed ({failure.ToString().ToLowerInvariant()})");
        pending.Settle(failure switch
        {
            Failure.Unknown => WriteAnswer.Unavailable(Unavailable.OutcomeUnknown()),
            Failure.Error => InternalError,
            _ => WriteAnswer.Unavailable(Unavailable.NotRecorded("the database did not complete the write")),
        });
        return failure;
    }

    private static readonly WriteAnswer CannotBeReached =
        WriteAnswer.Unavailable(Unavailable.NotRecorded("the database cannot be reached"));

    private static readonly WriteAnswer InternalError = WriteAnswer.Refused(new Refusal(500, "internal-error",
        "The write could not be processed",
        "An unexpected error stopped the write; it was not recorded. The error is logged with this request's trace id."));

    private async Task<GroupResult> RunGroupAsync(Pipeline pipeline, IReadOnlyList<Pending> group)
    {
        using var activity = StartCommitSpan(group);
        activity?.SetTag("fundledger.database", pipeline.Lane.Info.Name);
        var started = Stopwatch.GetTimestamp();
        var needs = new WriteNeeds();
        foreach (var pending in group)
        {
            pending.Write.Declare(needs);
            needs.ReadClaims(pending.Write.District, pending.Write.Claims);
        }

        NpgsqlConnection connection;
        try { connection = await pipeline.ConnectionAsync(); }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            _outage.Report(pipeline.Lane.Info, e);
            LogUnreachable(_log, e.Message);
            return GroupResult.Failed(Failure.Unreachable, activity);
        }
        try
        {
            var state = new GroupState(await _tables.LoadAsync(connection, needs, CancellationToken.None), _answers, _projection);
            var now = DateTimeOffset.UtcNow;
            var answers = group.Select(p => state.Decide(p.Write, p.Origin, now)).ToList();
            try { await _tables.CommitAsync(connection, state, CancellationToken.None); }
            catch (Exception e) when (Classify(e) == Failure.Dropped && state.Events.Count > 0)
            {
                await pipeline.DropAsync();
                // The connection went while the commit was on its way: whether it happened is a fact in the database.
                return await SettleInterruptedAsync(pipeline.Lane, state, answers, e, activity);
            }
            activity?.SetTag("fundledger.group.events", state.Events.Count);
            LedgerTelemetry.GroupSize.Record(group.Count);
            LedgerTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            return new GroupResult(answers, state, Failure.None);
        }
        catch (Exception e)
        {
            // Whatever the connection's state now (an aborted transaction, a broken socket), the next group starts on a new one.
            await pipeline.DropAsync();
            var failure = Classify(e);
            if (failure == Failure.Error) LogFailed(_log, e, group.Count);
            LogRetried(_log, group.Count, failure.ToString(), e.Message);
            return GroupResult.Failed(failure, activity);
        }
    }

    private async Task<GroupResult> SettleInterruptedAsync(
        Lane lane, GroupState state, IReadOnlyList<WriteAnswer> answers, Exception e, Activity? activity)
    {
        LogInterrupted(_log, e.Message);
        try
        {
            await using var probe = await lane.Database.OpenConnectionAsync();
            return await LedgerTables.CommittedAsync(probe, state.Events[0], CancellationToken.None)
                ? new GroupResult(answers, state, Failure.None)
                : GroupResult.Failed(Failure.Dropped, activity);
        }
        catch (Exception probeFailure) when (Classify(probeFailure) is Failure.Dropped or Failure.Unreachable)
        {
            return GroupResult.Failed(Failure.Unknown, activity);
        }
    }

    private void Deliver(IReadOnlyList<Pending> group, IReadOnlyList<WriteAnswer> answers, GroupState state)
    {
        for (var i = 0; i < group.Count; i++) group[i].Settle(answers[i]);
        if (state.Events.Count > 0) _live.Committed(state.Events.Select(e => e.District));
        foreach (var e in state.Events)
        {
            LedgerTelemetry.EventsAppended.Add(1,
                new KeyValuePair<string, object?>("fundledger.event_type", _tables.EventTypeName(e.Data)));
            _projection.Committed(e);
        }
    }

    /// <summary>
    /// The group's span: a child of the first write's span (so a lone write traces straight from HTTP to SQL) and
    /// linked to every write's, as OpenTelemetry models one operation done for several requests.
    /// </summary>
    private static Activity? StartCommitSpan(IReadOnlyList<Pending> group)
    {
        var links = group.Skip(1).Where(p => p.Origin.Trace != default).Select(p => new ActivityLink(p.Origin.Trace));
        var activity = LedgerTelemetry.Source.StartActivity("ledger commit", ActivityKind.Internal, group[0].Origin.Trace, links: links);
        activity?.SetTag("fundledger.group.writes", group.Count);
        return activity;
    }

    private enum Failure { None, LostRace, Dropped, Unreachable, Unknown, Error }

    private sealed record GroupResult(IReadOnlyList<WriteAnswer>? Answers, GroupState? State, Failure Failure)
    {
        public static GroupResult Failed(Failure failure, Activity? activity)
        {
            activity?.SetTag("fundledger.group.failure", failure.ToString().ToLowerInvariant());
            activity?.SetStatus(ActivityStatusCode.Error);
            return new GroupResult(null, null, failure);
        }
    }

    /// <summary>
    /// Lost races and deadlocks are settled by trying again; a connection that went may come back; anything else is a bug.
    /// </summary>
    private static Failure Classify(Exception e) => DatabaseFailures.Classify(e) switch
    {
        DatabaseFailure.LostRace => Failure.LostRace,
        DatabaseFailure.Unavailable => Failure.Dropped,
        _ => Failure.Error,
    };

    // Debug: lost races are routine under contention, and a database outage is logged once by DatabaseOutage.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "A group of {Writes} writes was not recorded ({Failure}: {Reason}); retrying each alone")]
    private static partial void LogRetried(ILogger logger, int writes, string failure, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group of {Writes} writes failed")]
    private static partial void LogFailed(ILogger logger, Exception e, int writes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The database cannot be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A commit was interrupted ({Reason}); asking the database whether it happened")]
    private static partial void LogInterrupted(ILogger logger, string reason);
}
