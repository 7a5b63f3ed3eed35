using System.Net;
using FundLedger.Tests.Infrastructure;
using Npgsql;

namespace FundLedger.Tests.Hosting;

/// <summary>
/// A database per group of districts (FundLedger:Databases): the shared service of the HTTP tests keeps odd districts in
/// one database and even ones in another. A district's events, documents, claims and chain are in its database only, its
/// reads and audit come from there, and each database's chain is sealed on its own.
/// </summary>
public sealed class DatabasePerDistrictTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Each_districts_ledger_writes_reads_audit_and_chain_stay_in_its_own_database()
    {
        var (odd, even) = (NewDistrict(), NewDistrict());
        if (int.Parse(odd.District) % 2 == 0) (odd, even) = (even, odd);
        Assert.NotEqual(App.DatabaseOf(odd.District), App.DatabaseOf(even.District));

        foreach (var (api, amount) in new[] { (odd, 300m), (even, 70m) })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 1_000m)).Status);
            Assert.Equal(HttpStatusCode.Created, (await api.Disburse("P001", "V1", amount)).Status);
            // The same voucher number in the other district is that district's own business.
            Assert.Equal(amount, (await api.Appropriation("P001")).Money("executed"));
        }

        foreach (var (api, other) in new[] { (odd, even), (even, odd) })
        {
            var home = App.ConnectionStringFor(api.District);
            var away = App.ConnectionStringFor(other.District);
            string[] tables = ["events", "streams", "appropriations", "disbursements", "request_claims"];
            foreach (var table in tables)
            {
                Assert.True(await CountAsync(home, table, api.District) > 0, $"{table} of {api.District} in its database");
                Assert.Equal(0, await CountAsync(away, table, api.District));
            }
            // The background sealer links each database's events without being asked.
            await Until.TrueAsync(
                async () => await CountAsync(home, "event_chain", api.District) == await CountAsync(home, "events", api.District),
                "the chain sealer", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
            Assert.Equal(0, await CountAsync(away, "event_chain", api.District));

            var verified = await api.Get($"/api/v1/districts/{api.District}/audit/verify");
            Assert.True(verified.Node("ok")!.GetValue<bool>(), verified.Raw);
            Assert.Equal(2, verified.Node("chain.links")!.GetValue<long>());
        }
    }

    [Fact]
    public async Task A_district_no_database_holds_is_404_and_records_nothing()
    {
        var unmapped = App.For("999999");
        var answer = await unmapped.Enact("P001", 1_000m);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("https://fundledger.org/problems/district-not-served", answer.Text("type"));
        Assert.Equal(HttpStatusCode.NotFound, (await unmapped.Get("appropriations")).Status);
        foreach (var database in App.Databases)
            Assert.Equal(0, await CountAsync(
                new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = database }.ConnectionString, "events", "999999"));
    }

    [Fact]
    public async Task Migrate_brings_every_database_of_the_map_up_to_date()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")!;
        var names = new[] { $"fundledger_mig_{Guid.NewGuid():N}"[..28] + "_a", $"fundledger_mig_{Guid.NewGuid():N}"[..28] + "_b" };
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        foreach (var name in names) await new NpgsqlCommand($"create database {name}", admin).ExecuteNonQueryAsync();
        try
        {
            var map = new Dictionary<string, string>();
            foreach (var (name, i) in names.Select((n, i) => (n, i)))
            {
                map[$"FundLedger__Databases__db{i}__ConnectionString"] =
                    new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
                map[$"FundLedger__Databases__db{i}__Districts"] = i == 0 ? "110106,110108" : "110105";
            }
            var (exitCode, output) = await ServiceCommand.RunAsync(map, "migrate");
            Assert.True(exitCode == 0, output);
            foreach (var (name, i) in names.Select((n, i) => (n, i)))
            {
                Assert.Contains($"is up to date in database {name}", output);
                await using var connection =
                    new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
                await connection.OpenAsync();
                await using var check = new NpgsqlCommand(
                    "select to_regclass('fundledger.events') is not null and to_regclass('fundledger.event_chain') is not null",
                    connection);
                Assert.True((bool)(await check.ExecuteScalarAsync())!, $"the schema in {name}");
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var name in names) await TestDatabases.DropAsync(admin, name);
        }
    }

    private static async Task<long> CountAsync(string connectionString, string table, string district)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from fundledger.{table} where tenant_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
