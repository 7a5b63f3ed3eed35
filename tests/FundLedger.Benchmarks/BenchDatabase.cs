using Npgsql;

namespace FundLedger.Benchmarks;

/// <summary>
/// A database of its own on the server for one benchmark, dropped when disposed. A drop that fails is said, not thrown: an
/// exception there would replace the one that ended the run, which is what matters.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchDatabase(string server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string server, string prefix, int? maxPoolSize = null)
    {
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"create database {name}", admin).ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        if (maxPoolSize is { } pool) builder.MaxPoolSize = pool;
        return new BenchDatabase(server, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        try
        {
            await new NpgsqlCommand($"drop database if exists {Name} with (force)", admin).ExecuteNonQueryAsync();
        }
        catch (PostgresException cleanup)
        {
            Console.Error.WriteLine($"bench: could not drop {Name} ({cleanup.SqlState}: {cleanup.MessageText}); " +
                "drop it by hand once its sessions are gone");
        }
    }
}

/// <summary>The benchmarks' progress lines (stderr, timestamped) and their preconditions.</summary>
public static class BenchLog
{
    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"benchmark precondition failed: {what}");
    }
}
