using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FundLedger.Consumer;
using FundLedger.Integration;
using FundLedger.Tests.Infrastructure;
using FundLedger.Tests.Integration;
using Xunit.Abstractions;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// The integration events under faults: the replicas publish to the real broker while the fault rig's load runs, and after
/// the fault the consumer example's log is compared with the audit feed event by event (every published event arrived,
/// none lost; what came twice came under an id already applied). Small here, larger in deploy/local/faults.sh.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Faults")]
public sealed class IntegrationFaultTests(FaultCluster cluster, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Publishing = new()
    {
        ["FundLedger__Integration__RabbitMq"] = TestBroker.Uri.ToString(),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_replica_killed_between_commit_and_publish_loses_no_event(int replicas) =>
        await RunAsync(replicas, "kill -9 service (publishing)", async rig =>
        {
            await rig.Replicas[0].KillAsync();
            // One replica: it comes back and publishes from its cursor. Two: the other one's relay was on standby.
            if (replicas == 1) rig.Replicas[0].Start();
            else rig.Checker.Down(0);
        });

    [Fact]
    public Task The_broker_restarted_mid_publish_loses_no_event() =>
        RunAsync(2, "broker restart", _ => BrokerAwayAsync(TimeSpan.Zero));

    [Fact]
    public Task The_broker_stopped_under_load_and_back_loses_no_event() =>
        RunAsync(2, $"broker stopped {FaultScale.Current.BrokerOutage.TotalSeconds:0} s",
            _ => BrokerAwayAsync(FaultScale.Current.BrokerOutage));

    /// <summary>
    /// Stops the broker and starts it again after <paramref name="outage"/> (30 s in deploy/local/faults.sh), while the
    /// load goes on writing: the fault's length, not a wait for anything.
    /// </summary>
    private static async Task BrokerAwayAsync(TimeSpan outage)
    {
        await TestBroker.StopAsync();
        try { await Task.Delay(outage); }
        finally { await TestBroker.StartAsync(); }
    }

    private async Task RunAsync(int replicas, string fault, Func<FaultRig, Task> inject)
    {
        await using var consumer = TestBroker.Subscribe(FaultRig.District);
        var log = new ConcurrentQueue<(string Id, bool New)>();
        consumer.Received += (e, isNew) => log.Enqueue((e.Id!, isNew));
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            await using var rig = await FaultRig.StartAsync(cluster, replicas, settings: Publishing);
            var row = await rig.RunAsync(fault, () => inject(rig));

            var published = await PublishedSequencesAsync(rig);
            var started = DateTime.UtcNow;
            await Until.TrueAsync(() => Task.FromResult(log.Count(m => m.New) >= published.Count),
                $"{published.Count} integration events", TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(100));
            var arrived = log.Where(m => m.New).Select(m => long.Parse(m.Id)).ToList();
            var duplicates = log.Count(m => !m.New);
            var caughtUp = (DateTime.UtcNow - started).TotalSeconds;
            output.WriteLine($"{fault}, {replicas} replica(s): {published.Count} committed and published, {arrived.Count} delivered, " +
                $"{published.Except(arrived).Count()} lost, {duplicates} duplicates removed by id, caught up " +
                $"{caughtUp:0.0} s after the load; ledger row: {row.Acked} writes acknowledged");
            // deploy/local/faults.sh prints these rows as the integration events' fault table.
            if (Environment.GetEnvironmentVariable("FUNDLEDGER_FAULT_REPORT") is { } report)
                await File.AppendAllTextAsync(Path.Combine(Path.GetDirectoryName(report)!, "integration.md"),
                    $"| {fault} | {replicas} | {published.Count} | {arrived.Count} | {published.Except(arrived).Count()} | " +
                    $"{duplicates} | 0 | {caughtUp:0.0} |\n");
            Assert.Equal(published, arrived.Order().ToList());
            Assert.All(log.Where(m => !m.New), d => Assert.Contains(long.Parse(d.Id), arrived));
        }
        finally { await TestBroker.DeleteQueueAsync(consumer.Queue); }
    }

    /// <summary>The sequences of the district's published events, from the audit feed.</summary>
    private static async Task<List<long>> PublishedSequencesAsync(FaultRig rig)
    {
        var notPublished = IntegrationMap.NotPublished.Select(Store.StoreModel.EventNameOf).ToHashSet();
        var sequences = new List<long>();
        for (long from = 1; ;)
        {
            var page = (await rig.Checker.MustAsync(HttpMethod.Get,
                    $"/api/v1/districts/{FaultRig.District}/audit/events?fromSequence={from}&limit=10000", null))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            if (page.Count == 0) return sequences;
            sequences.AddRange(page.Where(e => !notPublished.Contains((string)e["type"]!)).Select(e => (long)e["sequence"]!));
            from = (long)page[^1]["sequence"]! + 1;
        }
    }
}
