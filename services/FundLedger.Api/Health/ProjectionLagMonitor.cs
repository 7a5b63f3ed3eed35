using System.Diagnostics.Metrics;
using FundLedger.Telemetry;
using FundLedger.Store;

namespace FundLedger.Health;

/// <summary>
/// How far the appropriation documents are behind their event streams, sampled in the background (never on a
/// request or a metrics scrape). Projections are inline, so a committed write leaves the lag at 0; a non-zero
/// lag means events were committed that no projection applied (a projection switched to async and not running,
/// or events written around the service), and a lag that does not shrink between samples is a stalled projection.
/// Only streams touched in the last <see cref="Window"/> are compared, so the sample stays cheap at any size.
/// </summary>
public sealed class ProjectionLagMonitor : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>Events a stream's document has not caught up with, over streams written in the last @window.</summary>
    private static string LagOf(DocumentTable table) => $"""
        select coalesce(sum(s.version - d.version), 0)
        from {EventStoreSql.Streams} s
        join {table.Qualified} d on d.tenant_id = s.tenant_id and d.id = s.id
        where s.timestamp > now() - @window
        """;

    private readonly LedgerDatabase _database;
    private readonly DocumentTable _mirror;
    private readonly string _sql;
    private readonly TimeSpan _interval;
    private readonly ILogger<ProjectionLagMonitor> _log;
    private readonly LedgerStartup _startup;

    public ProjectionLagMonitor(LedgerDatabase database, StoreModel model, LedgerStartup startup, IConfiguration configuration,
        IMeterFactory meters, ILogger<ProjectionLagMonitor> log)
    {
        _database = database;
        // The document that mirrors its stream (the appropriation's): the store's model names it.
        _mirror = model.Documents.Single(d => d.MirrorsStream is not null);
        _sql = LagOf(_mirror);
        _startup = startup;
        _log = log;
        _interval = TimeSpan.FromSeconds(configuration.GetValue("FundLedger:ProjectionLag:IntervalSeconds", 15.0));
        meters.Create(LedgerTelemetry.Name).CreateObservableGauge<long>("fundledger.projection.lag",
            () => Latest is { } s
                ? [new Measurement<long>(s.Lag, new KeyValuePair<string, object?>("fundledger.projection", _mirror.MirrorsStream))]
                : Array.Empty<Measurement<long>>(),
            "{event}", "Events committed in recently written appropriation streams that their projected document does not reflect yet");
    }

    /// <summary>The newest sample, and the lag of the one before (a stall is a lag that did not shrink).</summary>
    public LagSample? Latest { get; private set; }

    public async Task<LagSample> SampleAsync(CancellationToken ct)
    {
        long lag = 0;
        foreach (var pool in _database.Pools)
        {
            await using var command = pool.DataSource.CreateCommand(_sql);
            command.Parameters.AddWithValue("window", Window);
            lag += Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        }
        var sample = new LagSample(lag, Latest?.Lag, DateTimeOffset.UtcNow);
        Latest = sample;
        return sample;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _startup.WhenReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try { await SampleAsync(stoppingToken); }
            // A database away: the chain sealer, which tries each database five times a second, reports the outage.
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e)) { }
            catch (Exception) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                // The readiness check reports the database itself; here a failed sample only leaves the last value.
                _log.LogWarning(e, "Projection lag sample failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed record LagSample(long Lag, long? PreviousLag, DateTimeOffset At)
{
    public bool Stalled => Lag > 0 && PreviousLag is { } before && Lag >= before;
}
