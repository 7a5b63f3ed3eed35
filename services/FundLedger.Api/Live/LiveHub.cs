using FundLedger.Reporting;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Live;

/// <summary>
/// The live streams of this replica: one <see cref="DistrictTail"/> per district that has an open stream, reading on a small
/// pool of its own (<c>fundledger-live</c>, <see cref="PoolSize"/> connections a database), so streams never take the
/// connections requests need, and a wake-up costs one read however many streams it wakes (500 streams once took a
/// connection each from the request pool of 100, and the service stopped answering). A stream resuming from further back
/// than its tail remembers reads that part itself, at most <see cref="CatchUps"/> at a time.
/// </summary>
public sealed partial class LiveHub(LedgerStore store, CommitSignal signal, ILogger<LiveHub> log) : IAsyncDisposable
{
    /// <summary>How long a tail waits for a commit of this replica before it looks for another replica's.</summary>
    public static readonly TimeSpan Check = TimeSpan.FromSeconds(1);

    public const int PoolSize = 4;
    public const int CatchUps = 2;
    private const int Batch = 500;

    private readonly ConcurrentDictionary<string, DistrictTail> _tails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _poolOfDistrict = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _catchUps = new(CatchUps);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Follows a district from <paramref name="after"/> (a resume point) or from now: the events already committed after the
    /// resume point come first, then each new one as the tail reads it.
    /// </summary>
    public async Task<LiveSubscription> FollowAsync(string district, long? after, CancellationToken ct)
    {
        var tail = _tails.GetOrAdd(district, d => new DistrictTail(d));
        var follower = new LiveFollower();
        try
        {
            var (head, recent) = await tail.AddAsync(follower, after, RunAsync, ct);
            return new LiveSubscription(this, tail, follower, after ?? head, head, recent);
        }
        catch
        {
            tail.Remove(follower);
            throw;
        }
    }

    /// <summary>
    /// The district's events after <paramref name="after"/> up to <paramref name="upTo"/>, for a stream resuming far back.
    /// </summary>
    internal async Task<IReadOnlyList<LiveEvent>> ReadAsync(string district, long after, long upTo, CancellationToken ct)
    {
        await _catchUps.WaitAsync(ct);
        try
        {
            var events = new List<LiveEvent>();
            for (var from = after; from < upTo;)
            {
                var page = await AfterAsync(district, from, ct);
                events.AddRange(page.Where(e => e.Sequence <= upTo));
                if (page.Count < Batch) break;
                from = page[^1].Sequence;
            }
            return events;
        }
        finally { _catchUps.Release(); }
    }

    private async Task RunAsync(DistrictTail tail)
    {
        // Off the caller's stack: a tail outlives the request that started it.
        await Task.Yield();
        var ct = _stopping.Token;
        try
        {
            tail.Started(await HeadAsync(tail.District, ct));
        }
        catch (Exception e)
        {
            tail.Failed(e);
            LogTailFailed(log, tail.District, e.GetType().Name, e.Message);
            return;
        }
        var last = tail.Head;
        var failing = false;
        while (!ct.IsCancellationRequested && tail.KeepGoing())
        {
            try
            {
                await signal.WaitAsync(tail.District, Check, ct);
                for (var more = true; more && !ct.IsCancellationRequested;)
                {
                    var events = await AfterAsync(tail.District, last, ct);
                    if (events.Count > 0)
                    {
                        tail.Publish(events);
                        last = events[^1].Sequence;
                    }
                    more = events.Count == Batch;
                }
                if (failing) LogTailBack(log, tail.District);
                failing = false;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The streams stay open and keep their place; the tail tries again at its next check. Logged once per outage:
                // the requests that need the database report the outage itself (Health/DatabaseOutage).
                if (!failing) LogTailFailed(log, tail.District, e.GetType().Name, e.Message);
                failing = true;
            }
        }
    }

    private async Task<long> HeadAsync(string district, CancellationToken ct)
    {
        await using var connection = await (await PoolAsync(district)).OpenConnectionAsync(ct);
        return await LedgerSnapshot.HeadAsync(connection, district, ct);
    }

    private async Task<IReadOnlyList<LiveEvent>> AfterAsync(string district, long after, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await (await PoolAsync(district)).OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(EventStoreSql.LiveEventsAfter, connection);
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
                reader.IsDBNull(4) ? null : decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }
        LedgerTelemetry.LiveReads.Add(1, new KeyValuePair<string, object?>("fundledger.district", district));
        LedgerTelemetry.LiveReadDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return events;
    }

    /// <summary>The tails' own pool of the district's database (the one that holds the district).</summary>
    private ValueTask<NpgsqlDataSource> PoolAsync(string district)
    {
        // Found once a district: a tail reads every second.
        if (_poolOfDistrict.TryGetValue(district, out var known)) return ValueTask.FromResult(known);
        var pool = _pools.GetOrAdd(store.DatabaseOf(district).ConnectionString, connection => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(connection)
            {
                MaxPoolSize = PoolSize, ApplicationName = ApplicationName, Timeout = 5, CommandTimeout = 10,
            }));
        return ValueTask.FromResult(_poolOfDistrict.GetOrAdd(district, pool));
    }

    /// <summary>The application name of the tails' connections (what an operator sees in pg_stat_activity).</summary>
    public const string ApplicationName = "fundledger-live";

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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var pool in _pools.Values) await pool.DisposeAsync();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live tail of district {District} could not read: {Error}: {Message}; " +
        "its streams stay open and it tries again every second")]
    private static partial void LogTailFailed(ILogger logger, string district, string error, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "The live tail of district {District} reads again")]
    private static partial void LogTailBack(ILogger logger, string district);
}
