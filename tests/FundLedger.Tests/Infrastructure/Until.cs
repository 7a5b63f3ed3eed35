using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FundLedger.Tests.Infrastructure;

/// <summary>Waiting on a condition of the real system, with a deadline: never a sleep standing in for it.</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan within, TimeSpan every)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {within.TotalSeconds:0} s for {what}");
            await Task.Delay(every);
        }
    }
}

/// <summary>A loopback port nobody listens on now, for a server a test starts.</summary>
public static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Another transaction that holds a row lock (or an uncommitted row) until disposed, then rolls back: a fault from outside.
/// </summary>
public sealed class HeldTransaction : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    public static async Task<HeldTransaction> BeginAsync(string connectionString, string sql, params object[] values)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            await command.ExecuteNonQueryAsync();
        }
        return new HeldTransaction(connection, transaction);
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _connection.DisposeAsync();
    }
}
