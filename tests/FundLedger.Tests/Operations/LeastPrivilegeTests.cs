using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FundLedger.Health;
using FundLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FundLedger.Tests.Operations;

/// <summary>
/// The production arrangement: the `migrate` command (the Kubernetes migration job) applies the schema as its owner
/// and grants a login role data rights; the service then runs as that role with ApplySchemaOnStartup=false.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    private readonly string _role = $"fundledger_app_{Guid.NewGuid():N}"[..30];
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private string _owner = "";
    private LedgerApp _app = null!;
    private string _migrateOutput = "";

    public async Task InitializeAsync()
    {
        _app = LedgerApp.With(new Dictionary<string, string> { ["FundLedger:ApplySchemaOnStartup"] = "false" }, Migrate);
        await _app.InitializeAsync();
    }

    /// <summary>Runs the service binary's `migrate` verb as a separate process, as the migration job does.</summary>
    private async Task<string> Migrate(string ownerConnection)
    {
        _owner = ownerConnection;
        await Sql(ownerConnection, $"create role {_role} login password '{_password}'");
        (var exitCode, _migrateOutput) = await ServiceCommand.RunAsync(ownerConnection, "migrate", "--grant-to", _role);
        Assert.True(exitCode == 0, _migrateOutput);
        return new NpgsqlConnectionStringBuilder(ownerConnection) { Username = _role, Password = _password }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await Sql(Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")!, $"drop role if exists {_role}");
    }

    [Fact]
    public async Task The_service_records_money_as_a_role_that_cannot_change_the_schema()
    {
        Assert.Contains($"role {_role} may read and write data", _migrateOutput);
        var ready = await _app.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var api = _app.For(_app.NewDistrict());
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 100m)).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.Disburse("P001", "V1", 40m)).Status);
        Assert.Equal(40m, (await api.Appropriation("P001")).Money("disbursed"));

        var service = new NpgsqlConnectionStringBuilder(_owner) { Username = _role, Password = _password }.ConnectionString;
        var ddl = await Assert.ThrowsAsync<PostgresException>(() => Sql(service, "create table fundledger.intruder (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ddl.SqlState);
        var untrigger = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql(service, "alter table fundledger.events disable trigger fundledger_immutable"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, untrigger.SqlState);
    }

    [Fact]
    public async Task Ready_fails_naming_the_projection_when_events_are_committed_that_no_projection_applies()
    {
        var api = _app.For(_app.NewDistrict());
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 100m)).Status);
        var monitor = _app.Services.GetRequiredService<ProjectionLagMonitor>();
        Assert.Equal(0, (await monitor.SampleAsync(CancellationToken.None)).Lag);

        // A stream moved on behind the service's back (as an event written around it would) and never projected.
        await Sql(_owner, $"update fundledger.streams set version = version + 1 where tenant_id = '{api.District}'");
        try
        {
            Assert.Equal(1, (await monitor.SampleAsync(CancellationToken.None)).Lag);
            Assert.True((await monitor.SampleAsync(CancellationToken.None)).Stalled);
            var ready = await _app.Client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            Assert.Equal("Unhealthy", (string?)body["checks"]!["projections"]!["status"]);
            Assert.Equal("Healthy", (string?)body["checks"]!["postgresql"]!["status"]);
            Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await Sql(_owner, $"update fundledger.streams set version = version - 1 where tenant_id = '{api.District}'");
            await monitor.SampleAsync(CancellationToken.None);
        }
    }

    private static async Task Sql(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
