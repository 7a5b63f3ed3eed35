using FundLedger.Telemetry;
using Npgsql;

namespace FundLedger.Health;

/// <summary>
/// Keeps an outage to two log lines: one warning when the database stops answering (the first failure reported) and
/// one when it answers again, with how long it was gone and how many requests were answered 503 meanwhile. Requests
/// that fail during the outage are counted here, not logged one by one (10 s down cost 8,301 stack traces before).
/// Recovery is noticed by a probe of its own, once a second, so it is logged even when no request comes.
/// </summary>
public sealed partial class DatabaseOutage(LedgerDatabase database, ILogger<DatabaseOutage> log)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private long _answered;

    /// <summary>Whether the database is known to be away now (since the first failure reported, until the probe reaches it).</summary>
    public bool Active { get { lock (_gate) return _since is not null; } }

    /// <summary>A database failure seen by a request or a background task: opens the outage if it is the first.</summary>
    public void Report(Exception e) => Report(Reason(e));

    public void Report(string reason)
    {
        lock (_gate)
        {
            if (_since is not null) return;
            _since = DateTimeOffset.UtcNow;
            _answered = 0;
        }
        LogLost(log, reason);
        LedgerTelemetry.DatabaseOutages.Add(1);
        _ = Task.Run(ProbeUntilBackAsync);
    }

    /// <summary>A request answered 503 because of the database.</summary>
    public void Answered503()
    {
        LedgerTelemetry.Unavailable.Add(1);
        lock (_gate) _answered++;
    }

    private async Task ProbeUntilBackAsync()
    {
        using var timer = new PeriodicTimer(ProbeInterval);
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await using var command = database.DataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync();
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e)) { continue; }
            catch (Exception) { /* it answers, if not as hoped (e.g. a missing schema): the readiness check says what */ }
            DateTimeOffset since;
            long answered;
            lock (_gate)
            {
                since = _since!.Value;
                answered = _answered;
                _since = null;
            }
            LogBack(log, (DateTimeOffset.UtcNow - since).TotalSeconds, answered);
            return;
        }
    }

    /// <summary>The innermost message: "Connection refused", "terminating connection due to administrator command".</summary>
    private static string Reason(Exception e)
    {
        while (e.InnerException is { } inner && e is not PostgresException) e = inner;
        return e.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is unavailable ({Reason}); requests that need it are answered 503 with Retry-After until it is back")]
    private static partial void LogLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is back after {Seconds:0.0} s; {Answered} requests were answered 503 meanwhile")]
    private static partial void LogBack(ILogger logger, double seconds, long answered);
}
