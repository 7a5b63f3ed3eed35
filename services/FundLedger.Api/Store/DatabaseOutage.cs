using System.Collections.Concurrent;
using FundLedger.Telemetry;

namespace FundLedger.Store;

/// <summary>
/// Keeps an outage to two log lines per database: one warning when it stops answering (the first failure reported) and
/// one when it answers again, with how long it was gone and how many requests were answered 503 meanwhile. Requests that
/// fail during the outage are counted here, not logged one by one (10 s down cost 8,301 stack traces before). Recovery is
/// noticed by a probe of its own, once a second, so it is logged even when no request comes.
/// </summary>
public sealed partial class DatabaseOutage(LedgerDatabase probes, ILogger<DatabaseOutage> log)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Outage> _open = new();

    private sealed class Outage(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public long Answered;
    }

    public void Report(LedgerDatabaseInfo database, Exception e) => Report(database, DatabaseFailures.Reason(e));

    /// <summary>A database failure seen by a request or a background task: opens the database's outage if it is the first.</summary>
    public void Report(LedgerDatabaseInfo database, string reason)
    {
        if (!_open.TryAdd(database.Name, new Outage(DateTimeOffset.UtcNow))) return;
        LogLost(log, database.Name, reason);
        LedgerTelemetry.DatabaseOutages.Add(1, new KeyValuePair<string, object?>("fundledger.database", database.Name));
        _ = Task.Run(() => ProbeUntilBackAsync(database));
    }

    /// <summary>A request answered 503 because a database could not be used (or the service is still starting: null).</summary>
    public void Answered503(LedgerDatabaseInfo? database)
    {
        LedgerTelemetry.Unavailable.Add(1);
        if (database is not null && _open.TryGetValue(database.Name, out var outage)) Interlocked.Increment(ref outage.Answered);
    }

    private async Task ProbeUntilBackAsync(LedgerDatabaseInfo database)
    {
        var pool = probes.Pools.First(p => p.Database.Name == database.Name);
        using var timer = new PeriodicTimer(ProbeInterval);
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await using var command = pool.DataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync();
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e)) { continue; }
            catch (Exception) { /* it answers, if not as hoped (e.g. a missing schema): the readiness check says what */ }
            if (!_open.TryRemove(database.Name, out var outage)) return;
            LogBack(log, database.Name, (DateTimeOffset.UtcNow - outage.Since).TotalSeconds, Interlocked.Read(ref outage.Answered));
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL database {Database} is unavailable ({Reason}); " +
        "requests that need it are answered 503 with Retry-After until it is back")]
    private static partial void LogLost(ILogger logger, string database, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL database {Database} is back after {Seconds:0.0} s; {Answered} requests were answered 503 meanwhile")]
    private static partial void LogBack(ILogger logger, string database, double seconds, long answered);
}
