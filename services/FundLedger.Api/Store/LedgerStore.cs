using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// The read side of the store: a pool per database for the service's reads (<c>fundledger-read</c>), and sessions that
/// read one district's documents and events on its database. Writes go through the group commit, which has pools of
/// its own (Ledger/GroupCommitter).
/// </summary>
public sealed class LedgerStore : IAsyncDisposable
{
    private readonly LedgerDatabases _databases;
    private readonly Dictionary<string, NpgsqlDataSource> _pools;

    public LedgerStore(LedgerDatabases databases, StoreModel model)
    {
        _databases = databases;
        Model = model;
        _pools = databases.All.ToDictionary(d => d.Name, d => d.DataSource(b => b.ApplicationName ??= "fundledger-read"));
    }

    public StoreModel Model { get; }

    public LedgerDatabases Databases => _databases;

    /// <summary>
    /// A session reading one district on its database. Throws for a district no database holds (the district gate
    /// answers those 404 before any read).
    /// </summary>
    public StoreSession QuerySession(string district) => new(district, PoolOf(district), Model);

    /// <summary>The read pool of the district's database (for statements of the caller's own).</summary>
    public NpgsqlDataSource PoolOf(string district) => _pools[DatabaseOf(district).Name];

    /// <summary>The database that holds the district.</summary>
    public LedgerDatabaseInfo DatabaseOf(string district) =>
        _databases.For(district) ?? throw new InvalidOperationException($"No ledger database holds district {district}");

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values) await pool.DisposeAsync();
    }
}
