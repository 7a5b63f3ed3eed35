using FundLedger.Health;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>
/// Links committed events into their district's hash chain. Runs a few times a second in the background (one
/// replica at a time: the database function takes a try-lock), and synchronously before anything reads the chain
/// (the audit feed, verification, bundles), so an auditor never sees an event without its link.
/// Sealing after commit rather than in the write's transaction keeps a district's writes from queueing behind one
/// lock held until each commit's WAL flush; the events themselves are immutable from the moment they commit.
/// </summary>
public sealed class ChainSealer(LedgerDatabase database, LedgerStartup startup, DatabaseOutage outage, ILogger<ChainSealer> log)
    : BackgroundService
{
    private const int Batch = 5_000;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How far below the newest link a wide pass looks for events that committed after later ones (sequence
    /// numbers). The frequent pass looks only above the newest link: scanning the window costs an index probe per
    /// event, which every 200 ms took a visible share of the database's CPU in the benchmark.
    /// </summary>
    private const long Window = 100_000;
    private const int WideEvery = 25;     // every 5 s

    /// <summary>
    /// Links everything committed so far, waiting for a running sealer to finish first. On a connection of its own:
    /// a reader's session is read-only. Returns when sealing began: every event committed before then is linked.
    /// </summary>
    public static async Task<DateTimeOffset> SealAsync(StoreSession session, CancellationToken ct)
    {
        var began = DateTimeOffset.UtcNow;
        // The district's own database: the chain of every district there is sealed, in order.
        await using var connection = session.CreateConnection();
        await connection.OpenAsync(ct);
        while (await SealOnceAsync(connection, wait: true, Window, ct) == Batch) { }
        return began;
    }

    private static async Task<int> SealOnceAsync(NpgsqlConnection connection, bool wait, long window, CancellationToken ct)
    {
        await using var command =
            new NpgsqlCommand($"select {StoreSchema.Name}.fundledger_seal_chain(@limit, @wait, @window)", connection);
        command.Parameters.AddWithValue("limit", Batch);
        command.Parameters.AddWithValue("wait", wait);
        command.Parameters.AddWithValue("window", window);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.WhenReadyAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        for (var tick = 0L; await timer.WaitForNextTickAsync(stoppingToken); tick++)
        {
            foreach (var pool in database.Pools)
            {
                try
                {
                    await using var connection = await pool.DataSource.OpenConnectionAsync(stoppingToken);
                    var window = tick % WideEvery == 0 ? Window : 0;
                    while (await SealOnceAsync(connection, wait: false, window, stoppingToken) == Batch) { }
                }
                catch (Exception) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception e) when (DatabaseFailures.IsUnavailable(e)) { outage.Report(pool.Database, e); }
                catch (Exception e)
                {
                    // Whatever it is, the next tick tries again: a background task that throws would stop the host.
                    log.LogWarning(e, "Chain sealing in database {Database} failed; trying again on the next tick", pool.Database.Name);
                }
            }
        }
    }
}
