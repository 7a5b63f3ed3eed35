using Npgsql;

namespace FundLedger.Tests.Infrastructure;

public static class TestDatabases
{
    /// <summary>
    /// Drops a test database. WITH (FORCE) ends the sessions the test role may end; an autovacuum worker that has just
    /// started on a new database is not one of them (42501), so that case is tried again once it has finished.
    /// </summary>
    public static async Task DropAsync(NpgsqlConnection admin, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
