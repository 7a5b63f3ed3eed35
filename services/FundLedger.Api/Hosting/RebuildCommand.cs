using System.Diagnostics;
using FundLedger.Ledger;
using FundLedger.Store;
using Npgsql;

namespace FundLedger.Hosting;

/// <summary>
/// <c>FundLedger.Api rebuild</c>: replaces every projected document by what the events say (see <see cref="LedgerRebuild"/>).
/// For recovery after a projection change, and measured by the benchmark. Prints one line: events, seconds, events per second.
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        var clock = Stopwatch.StartNew();
        var rebuild = new LedgerRebuild(
            app.Services.GetRequiredService<LedgerTables>(), app.Services.GetRequiredService<ILedgerProjection>());
        long events = 0;
        foreach (var database in app.Services.GetRequiredService<LedgerDatabases>().All)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            events += await rebuild.RunAsync(connection, CancellationToken.None);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"rebuilt projections: events={events} seconds={seconds:F3} events_per_second={events / seconds:F0}");
        return 0;
    }
}
