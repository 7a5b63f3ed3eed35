using FundLedger.Audit;
using JasperFx;
using Marten;
using Npgsql;

namespace FundLedger.Hosting;

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
            await database.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate, ct: ct);
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            await EventChainSchema.ApplyAsync(connection, ct);
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
            await using var command = new NpgsqlCommand(
                $"select to_regclass('{MartenSetup.Schema}.mt_events') is not null and to_regclass('{EventChainSchema.Table}') is not null", connection);
            if (!(bool)(await command.ExecuteScalarAsync(ct))!)
                throw new SchemaMissingException(
                    $"PostgreSQL answers but schema {MartenSetup.Schema} is missing in database {connection.Database}: run the migration (`migrate`)");
        }
    }
}

public sealed class SchemaMissingException(string message) : Exception(message);
