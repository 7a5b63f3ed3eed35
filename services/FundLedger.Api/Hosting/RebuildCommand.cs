using System.Diagnostics;
using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;
using Marten;

namespace FundLedger.Hosting;

/// <summary>
/// <c>FundLedger.Api rebuild</c>: rebuilds every projection from the event store with Marten's projection daemon
/// (the documents are replaced by what the events say). For recovery after a projection change, and measured by
/// the benchmark. Prints one line: events, seconds, events per second.
/// </summary>
public static class RebuildCommand
{
    public static async Task<int> RunAsync(WebApplication app)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await using var count = app.Services.GetRequiredService<Health.LedgerDatabase>().DataSource
            .CreateCommand($"select count(*) from {MartenSetup.Schema}.mt_events");
        var events = (long)(await count.ExecuteScalarAsync())!;
        var clock = Stopwatch.StartNew();
        using var daemon = await store.BuildProjectionDaemonAsync();
        // The three projections read the same events independently: run them side by side.
        await Task.WhenAll(
            daemon.RebuildProjectionAsync<AppropriationProjection>(CancellationToken.None),
            daemon.RebuildProjectionAsync<DisbursementProjection>(CancellationToken.None),
            daemon.RebuildProjectionAsync<FiscalYearProjection>(CancellationToken.None));
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"rebuilt projections: events={events} seconds={seconds:F3} events_per_second={events / seconds:F0}");
        return 0;
    }
}
