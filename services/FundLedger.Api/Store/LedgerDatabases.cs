using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// Where each district's ledger lives. By default one database (<c>ConnectionStrings:FundLedger</c>) holds every district.
/// With <c>FundLedger:Databases:{name}:ConnectionString</c> and <c>…:Districts</c> (comma-separated) configured, each
/// database holds the districts mapped to it, several per database, conjoined inside it (one table set, every row
/// tagged); a district's events, documents, chain and locks never leave its database, and a district not mapped to any
/// is not served. Everything that talks to PostgreSQL (the reads of LedgerStore, the group commit, the chain sealer, health
/// and outage probes, migrate, rebuild) goes through this map.
/// </summary>
public sealed class LedgerDatabases
{
    private readonly Dictionary<string, LedgerDatabaseInfo> _byDistrict = new(StringComparer.Ordinal);

    public LedgerDatabases(IConfiguration configuration)
    {
        var mapped = configuration.GetSection("FundLedger:Databases").GetChildren().ToList();
        if (mapped.Count == 0)
        {
            var connection = configuration.GetConnectionString(StoreSchema.ConnectionName)
                ?? throw new InvalidOperationException(
                    $"Set ConnectionStrings__{StoreSchema.ConnectionName} (the README's run command does it for you).");
            All = [new LedgerDatabaseInfo("default", connection, null)];
            return;
        }
        All = mapped.Select(section =>
        {
            var connection = section["ConnectionString"] is { Length: > 0 } c ? c
                : throw new InvalidOperationException($"FundLedger:Databases:{section.Key}:ConnectionString is not set");
            var districts = (section["Districts"] ?? "")
                .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (districts.Length == 0)
                throw new InvalidOperationException($"FundLedger:Databases:{section.Key}:Districts names no district");
            return new LedgerDatabaseInfo(section.Key, connection, districts);
        }).ToList();
        foreach (var database in All)
            foreach (var district in database.Districts!)
                if (!_byDistrict.TryAdd(district, database))
                    throw new InvalidOperationException(
                        $"District {district} is mapped to two databases ({_byDistrict[district].Name} and {database.Name})");
    }

    /// <summary>Every database, in configuration order.</summary>
    public IReadOnlyList<LedgerDatabaseInfo> All { get; }

    /// <summary>One database for every district (the default), rather than a map.</summary>
    public bool Single => All is [{ Districts: null }];

    /// <summary>The database that holds a district, or null when none does.</summary>
    public LedgerDatabaseInfo? For(string district) => Single ? All[0] : _byDistrict.GetValueOrDefault(district);
}

/// <summary>One database of the ledger: its name (for logs and health), connection string, and districts (null: every district).</summary>
public sealed record LedgerDatabaseInfo(string Name, string ConnectionString, IReadOnlyList<string>? Districts)
{
    /// <summary>A data source of this database for a purpose of its own (its own pool and application name).</summary>
    public NpgsqlDataSource DataSource(Action<NpgsqlConnectionStringBuilder> configure)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        configure(builder);
        return NpgsqlDataSource.Create(builder);
    }
}
