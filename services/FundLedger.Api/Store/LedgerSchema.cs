using JasperFx;
using Marten;
using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// The ledger's schema in its database: Marten's tables and functions, then the audit chain and the immutability
/// triggers. Applied by the service at start-up (unless told not to) and by the <c>migrate</c> command.
/// </summary>
public static class LedgerSchema
{
    /// <summary>Every ledger database, one after the other. Returns their PostgreSQL names.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(IDocumentStore store, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            // One replica at a time: replicas starting together on a new database raced each other's CREATE INDEX.
            // Unlocked explicitly: a pooled connection is only reset when it is next used, and kept the lock until then.
            await using (var lockSchema = new NpgsqlCommand("select pg_advisory_lock(hashtext('fundledger-schema'))", connection))
                await lockSchema.ExecuteNonQueryAsync(ct);
            try
            {
                await database.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate, ct: ct);
                await EventChainSchema.ApplyAsync(connection, ct);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext('fundledger-schema'))", connection);
                if (connection.State == System.Data.ConnectionState.Open) await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            names.Add(connection.Database);
        }
        return names;
    }

    /// <summary>For a service that applies no DDL: the schema must be in every database already, or it says to run the migration.</summary>
    public static async Task RequireAsync(IDocumentStore store, CancellationToken ct)
    {
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = database.CreateConnection();
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
