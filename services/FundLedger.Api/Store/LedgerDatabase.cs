using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// A small connection pool per ledger database for health checks, samplers, the chain sealer and outage probes, so a
/// saturated request pool cannot make the service look dead, and a probe never waits behind ledger writes.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public LedgerDatabase(LedgerDatabases databases)
    {
        Pools = databases.All.Select(database => new ProbePool(database, database.DataSource(b =>
        {
            b.MaxPoolSize = 2;
            b.ApplicationName = "fundledger-health";
            b.Timeout = 5;
            b.CommandTimeout = 5;
        }))).ToList();
    }

    public IReadOnlyList<ProbePool> Pools { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in Pools) await pool.DataSource.DisposeAsync();
    }
}

public sealed record ProbePool(LedgerDatabaseInfo Database, NpgsqlDataSource DataSource);
