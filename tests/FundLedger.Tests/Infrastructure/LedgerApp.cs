using System.Net;
using System.Security.Cryptography;
using FundLedger.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace FundLedger.Tests.Infrastructure;

/// <summary>
/// The real service on Kestrel (a real loopback socket) against real PostgreSQL databases created for this test run and
/// dropped after it. The shared service of the HTTP tests holds its districts in two databases (a district map, odd and
/// even districts), so every HTTP test also checks that a district's ledger works, and stays, in its own database; a
/// service made <see cref="With"/> settings of its own uses one database, the default. The server comes from
/// ConnectionStrings__FundLedger, which deploy/local/test.sh points at the checkout's private PostgreSQL.
/// </summary>
public sealed class LedgerApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    // Each app its own range of district codes: the integration events of every test's database meet on one broker, where
    // a consumer knows an event by (source = district, id = sequence), so two apps must not share a district.
    private static int s_apps;
    private readonly int _firstDistrict = 100000 + Interlocked.Increment(ref s_apps) % 400 * Districts;
    private int _nextDistrict;
    private IReadOnlyDictionary<string, string> _settings = new Dictionary<string, string>();
    private Func<string, Task<string>>? _prepare;

    /// <summary>
    /// A service of its own, for tests that change how it is configured: extra settings (e.g. OTEL_*), and a step
    /// that runs against the new database before the service starts and returns the connection string it uses.
    /// </summary>
    public static LedgerApp With(IReadOnlyDictionary<string, string> settings, Func<string, Task<string>>? prepare = null) =>
        new() { _settings = settings, _prepare = prepare, _twoDatabases = false };

    private bool _twoDatabases = true;

    /// <summary>The districts NewDistrict hands out, mapped to the two databases up front (the map is static configuration).</summary>
    private const int Districts = 2_000;

    public string Database { get; } = $"fundledger_test_{Guid.NewGuid():N}"[..32];

    /// <summary>The second database of the shared service: the even districts.</summary>
    public string SecondDatabase => Database[..30] + "_b";

    /// <summary>Every database of this service.</summary>
    public IReadOnlyList<string> Databases => _twoDatabases ? [Database, SecondDatabase] : [Database];

    /// <summary>The database a district's ledger lives in.</summary>
    public string DatabaseOf(string district) => _twoDatabases && int.Parse(district) % 2 == 0 ? SecondDatabase : Database;

    public string ConnectionStringFor(string district) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = DatabaseOf(district) }.ConnectionString;

    /// <summary>The service's database settings as environment variables, for its command-line verbs run as processes.</summary>
    public IReadOnlyDictionary<string, string> DatabaseEnvironment { get; private set; } = new Dictionary<string, string>();

    /// <summary>A signing key made for this run: nothing secret is checked in.</summary>
    public AuthSettings Auth { get; } =
        new("fundledger-tests", "fundledger", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), null);

    public string Token(string district, IEnumerable<string>? scopes = null, string subject = "test-clerk", string clientId = "test-system",
        TimeSpan? lifetime = null, DateTime? issuedAt = null) =>
        TokenCommand.Mint(Auth, subject, clientId, [district], scopes ?? Scopes.All, lifetime ?? TimeSpan.FromMinutes(30), issuedAt);

    /// <summary>The running service's own services (its route table, for one).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>A client of one district with a token granting it every scope.</summary>
    public Api For(string district, int year = 2020) => new(Client, district, year, Token(district));
    public string ConnectionString { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A district (tenant) no other test uses, so tests never see each other's data.</summary>
    public string NewDistrict()
    {
        var district = _firstDistrict + Interlocked.Increment(ref _nextDistrict);
        if (_twoDatabases && district > _firstDistrict + Districts)
            throw new InvalidOperationException($"more than {Districts} districts: widen LedgerApp.Districts");
        return district.ToString();
    }

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")
            ?? throw new InvalidOperationException("ConnectionStrings__FundLedger is not set: run the tests with deploy/local/test.sh");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            foreach (var database in Databases)
            {
                await using var create = new NpgsqlCommand($"create database {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
        var serviceConnection = _prepare is null ? ConnectionString : await _prepare(ConnectionString);
        var settings = new Dictionary<string, string>();
        if (_twoDatabases)
        {
            var all = Enumerable.Range(_firstDistrict + _nextDistrict + 1, Districts).Select(d => d.ToString()).ToList();
            foreach (var (name, parity) in new[] { ("odd", 1), ("even", 0) })
            {
                var first = all.First(d => int.Parse(d) % 2 == parity);
                settings[$"FundLedger:Databases:{name}:ConnectionString"] = ConnectionStringFor(first);
                settings[$"FundLedger:Databases:{name}:Districts"] = string.Join(',', all.Where(d => int.Parse(d) % 2 == parity));
            }
        }
        else settings["ConnectionStrings:FundLedger"] = serviceConnection;
        DatabaseEnvironment = settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.UseSetting("Auth:Issuer", Auth.Issuer)
                .UseSetting("Auth:Audience", Auth.Audience)
                .UseSetting("Auth:SigningKey", Auth.SigningKey);
            foreach (var (key, value) in _settings) b.UseSetting(key, value);
        });
        var port = Loopback.FreePort();
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
    }


    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")!;
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        foreach (var database in Databases)
        {
            await TestDatabases.DropAsync(admin, database);
        }
    }

    /// <summary>Reads the event store directly, as an auditor with database access would.</summary>
    public async Task<long> CountEventsAsync(string district, string type, string? voucherNo = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(district));
        await connection.OpenAsync();
        var sql = "select count(*) from fundledger.events where tenant_id = @district and type = @type" +
                  (voucherNo is null ? "" : " and data ->> 'voucherNo' = @voucher");
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("district", district);
        command.Parameters.AddWithValue("type", type);
        if (voucherNo is not null) command.Parameters.AddWithValue("voucher", voucherNo);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> CountAllEventsAsync(string district)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from fundledger.events where tenant_id = @district", connection);
        command.Parameters.AddWithValue("district", district);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "ledger";
}
