using FundLedger.Http;
using FundLedger.Store;

namespace FundLedger.Health;

/// <summary>
/// Brings the service to ready whatever the database is doing when it starts. The first attempt runs during start-up
/// (so with PostgreSQL up the service is ready as soon as it listens); if PostgreSQL does not answer, or the schema the
/// service may not create is missing, the service starts anyway, answers /health/live 200, /health/ready 503 naming what it
/// waits for, and every other request 503 (<see cref="StartupGate"/>), and keeps trying in the background with a bounded
/// backoff (0.25 s doubling to 10 s), one log line per attempt, until the schema is in place.
/// </summary>
public sealed partial class LedgerStartup(LedgerStore store, IConfiguration configuration, ILogger<LedgerStartup> log) : IHostedService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Not disposed: the container may dispose this singleton before the host stops it, and a cancelled source holds nothing.
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _applySchema = configuration.GetValue("FundLedger:ApplySchemaOnStartup", true);
    private Task _retrying = Task.CompletedTask;

    public bool Ready => _ready.Task.IsCompleted;

    /// <summary>What the service is waiting for, for the readiness check and the 503 answers.</summary>
    public string WaitingFor { get; private set; } = "PostgreSQL has not been tried yet";

    /// <summary>Completes when the schema is in place (for background work that needs the database).</summary>
    public Task WhenReadyAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(1, cancellationToken)) return;
        _retrying = Task.Run(() => RetryAsync(_stop.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try { await _retrying.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { /* stopping */ }
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        var delay = FirstDelay;
        for (var attempt = 2; !ct.IsCancellationRequested; attempt++)
        {
            await Task.Delay(delay, ct);
            if (await TryAsync(attempt, ct)) return;
            delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
        }
    }

    private async Task<bool> TryAsync(int attempt, CancellationToken ct)
    {
        try
        {
            if (_applySchema) await LedgerSchema.ApplyAsync(store, ct);
            else await LedgerSchema.RequireAsync(store, ct);
            WaitingFor = "nothing";
            _ready.TrySetResult();
            if (attempt > 1) LogReady(log, attempt);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var failure = DatabaseFailures.Classify(e);
            var reason = DatabaseFailures.Reason(e);
            WaitingFor = failure == DatabaseFailure.Unavailable ? $"PostgreSQL does not answer: {reason}" : reason;
            // A database that is not there yet is expected; anything else (a refused DDL, a bug) gets its stack trace once.
            if (failure == DatabaseFailure.Unavailable || e is SchemaMissingException || attempt > 1) LogWaiting(log, attempt, WaitingFor);
            else LogFailed(log, e, attempt);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready (attempt {Attempt}): {WaitingFor}; trying again with backoff")]
    private static partial void LogWaiting(ILogger logger, int attempt, string waitingFor);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Not ready (attempt {Attempt}): the schema could not be applied; trying again with backoff")]
    private static partial void LogFailed(ILogger logger, Exception e, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready after {Attempt} attempts: PostgreSQL answers and the schema is in place")]
    private static partial void LogReady(ILogger logger, int attempt);
}

/// <summary>Until <see cref="LedgerStartup"/> is ready, every request but the health checks and the API document is answered 503.</summary>
public sealed class StartupGate(RequestDelegate next, LedgerStartup startup, DatabaseOutage outage)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (startup.Ready || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/openapi"))
            return next(http);
        outage.Answered503(null);
        return Unavailable.ToResult(Unavailable.Starting(startup.WaitingFor), http).ExecuteAsync(http);
    }
}
