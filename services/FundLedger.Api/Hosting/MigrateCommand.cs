using System.Text.RegularExpressions;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Hosting;

/// <summary>
/// <c>FundLedger.Api migrate [--grant-to ROLE]</c>: applies every schema change (the store's tables, the one-time copy
/// out of an earlier release's Marten tables, pgcrypto, the audit chain and its immutability triggers) as the owner
/// role, then grants ROLE the rights the service needs to run: data, never DDL. The Deployment then runs as ROLE with
/// FundLedger__ApplySchemaOnStartup=false,
/// so a compromised or buggy pod can neither change the schema nor drop the triggers that protect the history.
/// </summary>
public static partial class MigrateCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var role = args.SkipWhile(a => a != "--grant-to").Skip(1).FirstOrDefault();
        if (args.Contains("--grant-to") && (role is null || !RoleName().IsMatch(role)))
        {
            Console.Error.WriteLine("usage: FundLedger.Api migrate [--grant-to <role: lower-case letters, digits, _>]");
            return 2;
        }
        var store = app.Services.GetRequiredService<LedgerStore>();
        // Every database of the district map (or the one database), each up to date before the next.
        foreach (var (name, migrated) in await LedgerSchema.ApplyAsync(store, CancellationToken.None))
        {
            if (migrated is not null) Console.WriteLine($"database {name}: {migrated}");
            Console.WriteLine($"schema {StoreSchema.Name} is up to date in database {name}");
        }
        if (role is null) return 0;

        foreach (var database in app.Services.GetRequiredService<LedgerDatabases>().All)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var grant = new NpgsqlCommand(GrantSql(role), connection);
            await grant.ExecuteNonQueryAsync();
            Console.WriteLine(
                $"role {role} may read and write data in {StoreSchema.Name} of database {database.Name}, and change nothing else");
        }
        return 0;
    }

    /// <summary>Data rights only. The immutability triggers still refuse UPDATE/DELETE on recorded events.</summary>
    public static string GrantSql(string role) => $"""
        grant usage on schema {StoreSchema.Name} to "{role}";
        grant select, insert, update, delete on all tables in schema {StoreSchema.Name} to "{role}";
        grant usage, select, update on all sequences in schema {StoreSchema.Name} to "{role}";
        grant execute on all routines in schema {StoreSchema.Name} to "{role}";
        """;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
