using FundLedger.Hosting;
using Npgsql;

namespace FundLedger.Health;

/// <summary>
/// A small connection pool of its own for health checks and samplers, so a saturated request pool cannot make
/// the service look dead, and a probe never waits behind ledger writes.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public LedgerDatabase(IConfiguration configuration)
    {
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(MartenSetup.ConnectionName))
        {
            MaxPoolSize = 2,
            ApplicationName = "fundledger-health",
            Timeout = 5,
            CommandTimeout = 5,
        };
        DataSource = NpgsqlDataSource.Create(connection);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
