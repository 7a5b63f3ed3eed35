using System.Diagnostics;
using FundLedger.Tests.Infrastructure;
using Npgsql;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// A PostgreSQL server of the fault tests' own (Debian's binaries, a data directory and port of its own), so they can
/// stop, crash and restart it without touching the server the other tests use. As root it runs as the postgres user,
/// as deploy/local/postgres.sh does. fsync stays on: a crash here must lose only what PostgreSQL itself would lose.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    private readonly string _home = Path.Combine("/tmp", $"fundledger-faults-{Guid.NewGuid():N}"[..30]);
    private string Data => Path.Combine(_home, "data");
    private static readonly string Bin = Environment.GetEnvironmentVariable("FUNDLEDGER_PGBIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderBy(d => d).LastOrDefault()
        ?? throw new InvalidOperationException("PostgreSQL binaries not found: run the tests with deploy/local/test.sh");

    public int Port { get; } = Loopback.FreePort();

    /// <summary>The superuser, over TCP (trust on loopback), to a database of the cluster: what the service is given.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Maximum Pool Size=40";

    /// <summary>For the tests' own statements: never pooled, so a connection a restart broke is never handed out again.</summary>
    public string AdminConnectionString(string database = "postgres") => ConnectionString(database) + ";Pooling=false";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_home);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres:postgres", _home);
        await AsPostgresAsync("initdb", "-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{_home}'
            max_connections = 100
            shared_buffers = 64MB
            fsync = on

            """);
        await StartAsync();
    }

    public Task StartAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_home, "server.log"), "-w", "-t", "60", "start");

    /// <summary>
    /// <c>pg_ctl stop -m immediate</c> is a crash (recovery from the WAL at the next start); <c>fast</c> a clean shutdown.
    /// </summary>
    public Task StopAsync(string mode) => AsPostgresAsync("pg_ctl", "-D", Data, "-m", mode, "-w", "-t", "60", "stop");

    public Task RestartAsync(string mode) =>
        AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_home, "server.log"), "-m", mode, "-w", "-t", "60", "restart");

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"faults_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Terminates the backends of one application in one database (pg_terminate_backend); how many.</summary>
    public async Task<int> TerminateAsync(string database, string application) =>
        (int)await BackendsAsync<long>("select count(pg_terminate_backend(pid))", "true", database, application);

    /// <summary>Whether a backend of the application is inside a transaction in the database now.</summary>
    public async Task<bool> InTransactionAsync(string database, string application) =>
        await BackendsAsync<long>("select count(*)", "state <> 'idle'", database, application) > 0;

    /// <summary>How many backends of the application wait for a lock in the database now.</summary>
    public async Task<long> WaitingForLockAsync(string database, string application) =>
        await BackendsAsync<long>("select count(*)", "wait_event_type = 'Lock'", database, application);

    /// <summary>A row lock taken by another transaction and held until disposed (then rolled back).</summary>
    public async Task<IAsyncDisposable> HoldAsync(string database, string sql) =>
        await HeldTransaction.BeginAsync(AdminConnectionString(database), sql);

    private async Task<T> BackendsAsync<T>(string select, string condition, string database, string application)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"{select} from pg_stat_activity where datname = $1 and application_name = $2 and {condition}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        command.Parameters.Add(new NpgsqlParameter { Value = application });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopAsync("immediate"); } catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(_home, recursive: true);
    }

    private static Task AsPostgresAsync(string tool, params string[] args) => Environment.UserName == "root"
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args])
        : RunAsync(Path.Combine(Bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultCluster>
{
    public const string Name = "faults";
}
