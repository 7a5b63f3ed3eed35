using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// The store's schema in each of its databases: its own tables (<see cref="EventStoreSchema"/>), the one-time copy out of
/// an earlier release's Marten tables (<see cref="FormerTablesMigration"/>), then the audit chain and the immutability
/// triggers (<see cref="EventChainSchema"/>). Applied by the service at start-up (unless told not to) and by the
/// <c>migrate</c> command.
/// </summary>
public static class LedgerSchema
{
    /// <summary>Every ledger database, one after the other. Returns, per database, its PostgreSQL name and what was migrated.</summary>
    public static async Task<IReadOnlyList<(string Database, string? Migrated)>> ApplyAsync(LedgerStore store, CancellationToken ct)
    {
        var (databases, model) = (store.Databases, store.Model);
        var applied = new List<(string, string?)>();
        foreach (var database in databases.All)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            // One replica at a time: replicas starting together on a new database raced each other's CREATE INDEX.
            await using (var lockSchema = new NpgsqlCommand("select pg_advisory_lock(hashtext('fundledger-schema'))", connection))
                await lockSchema.ExecuteNonQueryAsync(ct);
            string? migrated;
            try
            {
                await EventStoreSchema.ApplyAsync(connection, model, ct);
                migrated = await FormerTablesMigration.ApplyAsync(connection, model, ct);
                await EventChainSchema.ApplyAsync(connection, ct);
            }
            finally
            {
                // Unlocked explicitly: were the connection pooled, the lock would outlive this use of it.
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext('fundledger-schema'))", connection);
                if (connection.State == System.Data.ConnectionState.Open) await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            applied.Add((connection.Database, migrated));
        }
        return applied;
    }

    /// <summary>For a service that applies no DDL: the schema must be in every database already, or it says to run the migration.</summary>
    public static async Task RequireAsync(LedgerStore store, CancellationToken ct)
    {
        foreach (var database in store.Databases.All)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(EventStoreSql.EventStoreAndChainExist, connection);
            if (!(bool)(await command.ExecuteScalarAsync(ct))!)
                throw new SchemaMissingException(
                    $"PostgreSQL answers but schema {StoreSchema.Name} is missing in database {connection.Database}: " +
                    $"run the migration (`migrate`)");
        }
    }
}

public sealed class SchemaMissingException(string message) : Exception(message);
