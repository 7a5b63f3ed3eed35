using System.Diagnostics;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Store;
using FundLedger.Telemetry;
using Npgsql;

namespace FundLedger.Integration;

/// <summary>
/// Publishes every committed event of each ledger database to the broker, in sequence order, at least once. The event log is
/// the outbox: a write commits its events and nothing else, and the relay tails the log by sequence from a durable cursor
/// (<see cref="EventStoreSql.RelayCursors"/>), which it moves only after the broker confirmed every message up to it.
/// <list type="bullet">
/// <item>Only committed events are published: they are read from the table after their transaction committed, and events
/// become visible in sequence order (the commit-order lock), so reading past the last sequence never skips one.</item>
/// <item>A crash or an outage between a confirm and the cursor's move publishes those events again: duplicates carry the same
/// CloudEvents id (the sequence) and a consumer drops them.</item>
/// <item>One publisher a database: the relay holds a session advisory lock on its own unpooled connection while it
/// publishes; another replica's relay waits on standby and takes over when that connection dies.</item>
/// <item>Per stream in commit order: a stream's next message is sent only once the broker confirmed its last (streams
/// share the wait for confirms over up to <see cref="Lanes"/> lanes).</item>
/// <item>Consecutive events of one routing key go as one message, a CloudEvents batch of up to <see cref="PerMessage"/>: under
/// load the broker's and the relay's cost is per message far more than per event (measured in
/// tests/FundLedger.Benchmarks/results/bench-integration.md).</item>
/// </list>
/// </summary>
public sealed partial class EventRelay(LedgerStore store, CommitSignal signal, IConfiguration configuration, ILoggerFactory logs,
    ILogger<EventRelay> log) : BackgroundService
{
    public const string BrokerSetting = "FundLedger:Integration:RabbitMq";
    public const string ApplicationName = "fundledger-relay";

    /// <summary>The cursor's name for the RabbitMQ exchange (a second destination would have its own).</summary>
    public const string Destination = "rabbitmq:" + IntegrationTopology.Exchange;

    private const int Batch = 2_000;
    private const int Lanes = 32;
    /// <summary>Events in one message at most (a batch of 100 payments is about 80 KB).</summary>
    internal const int PerMessage = 100;
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Standby = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Confirm = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LagEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (configuration[BrokerSetting] is not { Length: > 0 } uri)
        {
            LogOff(log, BrokerSetting);
            return;
        }
        await Task.WhenAll(store.Databases.All.Select(database => RunAsync(database, new Uri(uri), ct)));
    }

    private async Task RunAsync(LedgerDatabaseInfo database, Uri uri, CancellationToken ct)
    {
        // Off the host's start: the service answers while the relay finds its broker.
        await Task.Yield();
        await using var broker = new IntegrationBroker(uri, logs);
        // Unpooled: closing the connection ends the session, and with it the advisory lock another replica waits for.
        await using var pool = database.DataSource(b => { b.Pooling = false; b.ApplicationName = ApplicationName; b.Timeout = 5; });
        var lockKey = $"fundledger-relay:{Destination}";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await pool.OpenConnectionAsync(ct);
                if (!await Scalar<bool>(connection, "select pg_try_advisory_lock(hashtext($1))", ct, lockKey))
                {
                    await Task.Delay(Standby, ct);
                    continue;
                }
                // The cursor is the relay's only write, and losing its last move to a crash only publishes those events
                // again (at least once; consumers drop them by id): it need not wait for the WAL to reach the disk.
                await Execute(connection, "set synchronous_commit = off", ct);
                LogPublishing(log, database.Name, broker.Address);
                await PublishAsync(database, connection, broker, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database went away (the lock with it): start again, as the standby would.
                LogDatabaseFailed(log, database.Name, e.GetType().Name, e.Message);
                await Delay(Backoff, ct);
            }
        }
    }

    /// <summary>Publishes from the cursor, for as long as this relay holds the lock (its connection lives).</summary>
    private async Task PublishAsync(LedgerDatabaseInfo database, NpgsqlConnection connection, IntegrationBroker broker,
        CancellationToken ct)
    {
        var cursor = await Scalar<long>(connection, EventStoreSql.RelayCursor, ct, Destination);
        var failing = false;
        var lagRecorded = 0L;
        while (!ct.IsCancellationRequested)
        {
            var events = await ReadAsync(connection, cursor, ct);
            if (Stopwatch.GetElapsedTime(lagRecorded) >= LagEvery)
            {
                await RecordLagAsync(database, connection, cursor, ct);
                lagRecorded = Stopwatch.GetTimestamp();
            }
            if (events.Count == 0)
            {
                await signal.WaitAsync(CommitSignal.AnyDistrict, Check, ct);
                continue;
            }
            var (published, failure) = await PublishBatchAsync(events, cursor, broker, ct);
            if (failure is null)
            {
                if (failing) LogBrokerBack(log, database.Name);
                failing = false;
            }
            else
            {
                // Not confirmed: everything after the confirmed prefix is sent again, after a pause.
                LedgerTelemetry.PublishFailures.Add(1, new KeyValuePair<string, object?>("error.type", failure.GetType().Name));
                if (!failing) LogBrokerFailed(log, database.Name, failure.GetType().Name, failure.Message);
                failing = true;
                await broker.ResetAsync();
            }
            if (published > cursor)
            {
                await Execute(connection, EventStoreSql.MoveRelayCursor, ct, Destination, published);
                cursor = published;
            }
            if (failing) await Delay(Backoff, ct);
            // Under load (this read found events, fewer than a message holds), a moment for more to commit: the next read
            // then makes fewer, fuller messages. An event committed at rest is published at once (the commit signal).
            else if (events.Count < PerMessage) await Delay(Linger, ct);
        }
    }

    private sealed record RelayedEvent(long Sequence, string Stream, CloudEventMessage? Message);

    /// <summary>
    /// Publishes a batch with up to <see cref="Lanes"/> confirms in flight: a stream's events always go to the same lane, and
    /// a lane sends its next message only once the broker confirmed the last, so each stream is published in commit order
    /// while waiting on the broker's round trip is shared by many streams. A lane's consecutive events of one routing key go
    /// as one message (<see cref="Messages"/>). Answers the last sequence of the confirmed prefix (the cursor may move there),
    /// and the failure that stopped the batch, if one did: the lanes stop at the first failure, and what other lanes
    /// confirmed after the gap is published again (the consumer drops the duplicates by id).
    /// </summary>
    private static async Task<(long Confirmed, Exception? Failure)> PublishBatchAsync(IReadOnlyList<RelayedEvent> events,
        long cursor, IntegrationBroker broker, CancellationToken ct)
    {
        var confirmed = new bool[events.Count];
        var published = events.Count(e => e.Message is not null);
        // Fewer lanes for fewer events: spread thin, every lane's run would be a message of one event, and each message
        // costs the broker and the relay far more than an event within one.
        var laneCount = Math.Clamp(published / PerMessage, 1, Lanes);
        var lanes = new List<int>[laneCount];
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Message is null) confirmed[i] = true;
            else (lanes[StableHash.Bucket(events[i].Stream, laneCount)] ??= []).Add(i);
        }
        Exception? failure = null;
        try { await broker.ConnectAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested) { return (cursor, e); }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        async Task RunLane(List<int> lane)
        {
            try
            {
                foreach (var run in Messages(lane, i => events[i].Message!.RoutingKey))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await PublishAsync(run.Select(i => events[i].Message!).ToList(), broker, stop.Token);
                    foreach (var i in run) confirmed[i] = true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                await stop.CancelAsync();
            }
            catch (OperationCanceledException) { /* another lane failed first, or the service stops */ }
        }
        await Task.WhenAll(lanes.Where(lane => lane is not null).Select(RunLane));
        ct.ThrowIfCancellationRequested();
        var prefix = 0;
        while (prefix < confirmed.Length && confirmed[prefix]) prefix++;
        return (prefix == 0 ? cursor : events[prefix - 1].Sequence, failure);
    }

    /// <summary>
    /// A lane's events cut into messages: each a run of consecutive events with one routing key, at most
    /// <see cref="PerMessage"/>. Consecutive, so a stream's events stay in commit order whatever types they are.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<int>> Messages(IReadOnlyList<int> lane, Func<int, string> routingKey)
    {
        var run = new List<int>();
        foreach (var i in lane)
        {
            if (run.Count > 0 && (run.Count == PerMessage || routingKey(run[0]) != routingKey(i)))
            {
                yield return run;
                run = [];
            }
            run.Add(i);
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>
    /// One message: a single event as a structured CloudEvent, several as a CloudEvents batch. A producer span in the first
    /// event's recording request's trace. A single event's consumer span continues from it; in a batch each event carries its
    /// own request's traceparent, which its consumer span continues, linked to this span (links from here to a hundred
    /// requests cost more to export than the span itself).
    /// </summary>
    private static async Task PublishAsync(IReadOnlyList<CloudEventMessage> messages, IntegrationBroker broker, CancellationToken ct)
    {
        var first = messages[0];
        ActivityContext.TryParse(first.TraceParent, null, out var parent);
        using var span = LedgerTelemetry.Source.StartActivity($"publish {first.Type}", ActivityKind.Producer, parent);
        var id = messages.Count == 1 ? first.Id : CloudEventsMapper.BatchId(messages);
        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.destination.name", IntegrationTopology.Exchange);
        span?.SetTag("messaging.rabbitmq.destination.routing_key", first.RoutingKey);
        span?.SetTag("messaging.message.id", id);
        if (messages.Count > 1) span?.SetTag("messaging.batch.message_count", messages.Count);
        var traceParent = span?.Id ?? first.TraceParent;
        await broker.PublishAsync(messages.Count == 1
            ? CloudEventsMapper.Envelope(first, traceParent)
            : CloudEventsMapper.BatchEnvelope(messages, traceParent), Confirm, ct);
        var now = DateTimeOffset.UtcNow;
        LedgerTelemetry.EventsPublished.Add(messages.Count, new KeyValuePair<string, object?>("cloudevents.type", first.Type));
        foreach (var message in messages) LedgerTelemetry.PublishDelay.Record((now - message.Time).TotalSeconds);
    }

    private async Task<IReadOnlyList<RelayedEvent>> ReadAsync(NpgsqlConnection connection, long after, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(EventStoreSql.RelayEventsAfter, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = Batch });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<RelayedEvent>();
        while (await reader.ReadAsync(ct))
        {
            var (sequence, district, stream, version) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
            // An event of a type this build does not know (a newer replica's) is passed over like an unpublished one.
            var published = store.Model.EventType(reader.GetString(4)) is { } type
                ? IntegrationMap.Map(district, stream, StoreJson.Read(type, reader, 5))
                : null;
            var message = published is null ? null : CloudEventMessage.Of(district, sequence, stream, version,
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7), published);
            events.Add(new RelayedEvent(sequence, stream, message));
        }
        return events;
    }

    private static async Task RecordLagAsync(LedgerDatabaseInfo database, NpgsqlConnection connection, long cursor, CancellationToken ct)
    {
        var head = await Scalar<long>(connection, EventStoreSql.Head, ct);
        LedgerTelemetry.RelayLag.Record(head - cursor, new KeyValuePair<string, object?>("fundledger.database", database.Name));
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task Delay(TimeSpan pause, CancellationToken ct)
    {
        try { await Task.Delay(pause, ct); }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration events are not published: {Setting} is not set")]
    private static partial void LogOff(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "The relay of database {Database} publishes to the broker at {Broker}")]
    private static partial void LogPublishing(ILogger logger, string database, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relay of database {Database} could not publish: {Error}: {Message}; " +
        "it sends again from its cursor every second")]
    private static partial void LogBrokerFailed(ILogger logger, string database, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The relay of database {Database} publishes again")]
    private static partial void LogBrokerBack(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The relay of database {Database} lost its database: {Error}: {Message}")]
    private static partial void LogDatabaseFailed(ILogger logger, string database, string error, string message);
}
