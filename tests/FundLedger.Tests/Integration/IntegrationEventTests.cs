using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using FundLedger.Consumer;
using FundLedger.Integration;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Integration;

/// <summary>
/// The integration events through the real broker, as a downstream system receives them: the consumer example subscribed to a
/// district, its log compared event by event with the district's audit feed, its running figures with the API's.
/// </summary>
public sealed class IntegrationEventTests : IAsyncLifetime
{
    private readonly LedgerApp _app =
        LedgerApp.With(new Dictionary<string, string> { [EventRelay.BrokerSetting] = TestBroker.Uri.ToString() });
    private readonly List<IntegrationConsumer> _consumers = [];

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var consumer in _consumers)
        {
            await consumer.DisposeAsync();
            await TestBroker.DeleteQueueAsync(consumer.Queue);
        }
        await _app.DisposeAsync();
    }

    private async Task<(IntegrationConsumer Consumer, ConcurrentQueue<(CloudEvent Event, bool New)> Log)> SubscribeAsync(string district)
    {
        var consumer = TestBroker.Subscribe(district);
        _consumers.Add(consumer);
        var log = new ConcurrentQueue<(CloudEvent, bool)>();
        consumer.Received += (e, isNew) => log.Enqueue((e, isNew));
        await consumer.StartAsync(CancellationToken.None);
        return (consumer, log);
    }

    /// <summary>The district's events as the audit feed lists them: sequence, type and stream, oldest first.</summary>
    private static async Task<List<(long Sequence, string Type, string Stream, string? CorrelationId)>> AuditAsync(Api api)
    {
        var feed = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events?limit=10000", null);
        return feed.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Select(n => (n["sequence"]!.GetValue<long>(), n["type"]!.GetValue<string>(), n["stream"]!.GetValue<string>(),
                n["correlationId"]?.GetValue<string>()))
            .ToList();
    }

    private static Task WaitForAsync(ConcurrentQueue<(CloudEvent Event, bool New)> log, int count) =>
        Until.TrueAsync(() => Task.FromResult(log.Count(m => m.New) >= count), $"{count} integration events",
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Every_committed_money_event_arrives_as_a_cloud_event_numbered_by_its_sequence_and_the_figures_agree()
    {
        var api = _app.For(_app.NewDistrict());
        var (consumer, log) = await SubscribeAsync(api.District);
        await api.Enact("P001", 1_000m);
        await api.Adjust("P001", "A1", "supplement", 50m);
        await api.Adjust("P001", "A2", "reduction", 20m);
        await api.Disburse("P001", "V1", 100m);
        await api.Disburse("P001", "V2", 30.55m);
        await api.Reverse("V2", 10.05m, "2020-07-01");

        var audit = await AuditAsync(api);
        Assert.Equal(6, audit.Count);
        await WaitForAsync(log, audit.Count);

        var received = log.Select(m => m.Event).ToList();
        Assert.Equal(audit.Select(a => a.Sequence.ToString()), received.Select(e => e.Id));
        Assert.Equal(
            [IntegrationTopology.AppropriationEnacted, IntegrationTopology.AppropriationAdjusted, IntegrationTopology.AppropriationAdjusted,
             IntegrationTopology.DisbursementRecorded, IntegrationTopology.DisbursementRecorded, IntegrationTopology.DisbursementReversed],
            received.Select(e => e.Type));
        Assert.All(received, e =>
        {
            Assert.Equal($"/districts/{api.District}", e.Source!.ToString());
            Assert.Equal("2020/P001", e.Subject);
        });
        // The recording request's trace travels with each event: its trace id is the event's correlation id.
        Assert.Equal(audit.Select(a => a.CorrelationId),
            received.Select(e => ((string)e[IntegrationConsumer.TraceParent]!).Split('-')[1]));

        var paid = (JsonObject)JsonNode.Parse(((System.Text.Json.JsonElement)received[4].Data!).GetRawText())!;
        Assert.Equal(("V2", 30.55m, "P001", api.District), (paid["voucherNo"]!.GetValue<string>(), paid["amount"]!.GetValue<decimal>(),
            paid["appropriation"]!.GetValue<string>(), paid["district"]!.GetValue<string>()));

        var figures = consumer.Figures.Lines[$"{api.District}/2020/P001"];
        var line = await api.Appropriation("P001");
        Assert.Equal((line.Money("adjusted"), line.Money("executed"), line.Money("disbursed"), line.Money("reversed")),
            (figures.Adjusted, figures.Executed, figures.Disbursed, figures.Reversed));
        Assert.Equal((1_030m, 120.50m), (figures.Adjusted, figures.Executed));
    }

    [Fact]
    public async Task Events_of_many_streams_written_at_once_arrive_each_stream_in_commit_order()
    {
        var api = _app.For(_app.NewDistrict());
        var (_, log) = await SubscribeAsync(api.District);
        var codes = Enumerable.Range(1, 40).Select(i => $"P{i:000}").ToList();
        // Forty streams written at once, each one payment after another: the relay has many streams in flight together.
        await Task.WhenAll(codes.Select(async code =>
        {
            await api.Enact(code, 10_000m);
            for (var v = 1; v <= 5; v++) await api.Disburse(code, $"{code}-V{v}", v);
        }));

        var audit = await AuditAsync(api);
        Assert.Equal(codes.Count * 6, audit.Count);
        await WaitForAsync(log, audit.Count);
        var arrived = log.Where(m => m.New).Select(m => m.Event).ToList();
        Assert.Equal(audit.Select(a => a.Sequence).Order(), arrived.Select(e => long.Parse(e.Id!)).Order());
        // Each stream's events arrived in the order they were committed, whatever the interleaving between streams.
        foreach (var stream in audit.GroupBy(a => a.Stream))
            Assert.Equal(stream.Select(a => a.Sequence.ToString()), arrived.Where(e => e.Subject == stream.Key).Select(e => e.Id));
    }

    [Fact]
    public async Task Events_committed_together_travel_as_one_batch_message_and_each_is_applied_once_in_commit_order()
    {
        var api = _app.For(_app.NewDistrict());
        var (consumer, log) = await SubscribeAsync(api.District);
        await api.Enact("P001", 1_000m);
        await api.Enact("P002", 1_000m);
        // Sixty payments over two lines in one transaction: one read of the relay, one routing key.
        var items = Enumerable.Range(1, 60).Select(i => new
        {
            appropriationCode = i % 2 == 0 ? "P002" : "P001", voucherNo = $"B{i}", amount = 1m, paidOn = "2020-06-01",
        }).ToArray();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.Post("disbursements:batch", new { items })).Status);

        var audit = await AuditAsync(api);
        Assert.Equal(62, audit.Count);
        await WaitForAsync(log, audit.Count);
        var arrived = log.Where(m => m.New).Select(m => m.Event).ToList();
        Assert.Equal(audit.Select(a => a.Sequence.ToString()), arrived.Select(e => e.Id));
        // The two enactments alone (or together, under another routing key), the payments as one batch: 2 or 3 messages, not
        // 62 (a little more only if another test's broker outage made the relay send a batch again).
        Assert.InRange(consumer.Messages, 2, 62 / 4);
        Assert.All(log.Where(m => !m.New), d => Assert.Contains(d.Event.Id, arrived.Select(e => e.Id)));
        foreach (var code in new[] { "P001", "P002" })
        {
            var line = await api.Appropriation(code);
            Assert.Equal((line.Money("executed"), 30m), (consumer.Figures.Lines[$"{api.District}/2020/{code}"].Executed, 30m));
        }
    }

    [Fact]
    public async Task A_broker_stopped_under_load_loses_nothing_and_duplicates_are_only_redeliveries_of_the_same_id()
    {
        var api = _app.For(_app.NewDistrict());
        var (consumer, log) = await SubscribeAsync(api.District);
        await api.Enact("P001", 1_000_000m);
        await WaitForAsync(log, 1);

        await TestBroker.StopAsync();
        try
        {
            // Writes go on while the broker is away: the ledger does not depend on it.
            var paid = await Task.WhenAll(Enumerable.Range(1, 60).Select(i => api.Disburse("P001", $"V{i}", i)));
            Assert.All(paid, p => Assert.Equal(System.Net.HttpStatusCode.Created, p.Status));
        }
        finally { await TestBroker.StartAsync(); }
        await Task.WhenAll(Enumerable.Range(61, 40).Select(i => api.Disburse("P001", $"V{i}", i)));

        var audit = await AuditAsync(api);
        Assert.Equal(101, audit.Count);
        await WaitForAsync(log, audit.Count);

        var newOnes = log.Where(m => m.New).Select(m => long.Parse(m.Event.Id!)).ToList();
        Assert.Equal(audit.Select(a => a.Sequence), newOnes.Order());
        // One stream: re-sends after the outage repeat a run, but each event first arrives in commit order.
        Assert.Equal(audit.Select(a => a.Sequence), newOnes);
        // At least once: whatever came twice came under an id already applied, and changed no figure.
        Assert.All(log.Where(m => !m.New), d => Assert.Contains(long.Parse(d.Event.Id!), newOnes));
        var line = await api.Appropriation("P001");
        var figures = consumer.Figures.Lines[$"{api.District}/2020/P001"];
        Assert.Equal((line.Money("executed"), 5_050m), (figures.Executed, line.Money("executed")));
    }

    [Fact]
    public async Task A_consumer_that_crashes_before_its_ack_gets_the_message_again_and_applies_it_once()
    {
        var api = _app.For(_app.NewDistrict());
        var log = Path.Combine(Path.GetTempPath(), $"fundledger-consumer-{Guid.NewGuid():N}.log");
        try
        {
            // The first consumer applies and logs the third event, then dies before acknowledging it.
            var first = TestBroker.Subscribe(api.District, log);
            var seen = 0;
            first.Received += (_, _) =>
            {
                if (Interlocked.Increment(ref seen) == 3) throw new InvalidOperationException("crash before the ack");
            };
            await first.StartAsync(CancellationToken.None);
            await api.Enact("P001", 1_000m);
            await api.Disburse("P001", "V1", 100m);
            await api.Disburse("P001", "V2", 200m);
            await Until.TrueAsync(() => Task.FromResult(first.Figures.Applied == 3), "3 events applied", TimeSpan.FromSeconds(60),
                TimeSpan.FromMilliseconds(50));
            await first.DisposeAsync();

            // Its successor on the same queue and log: the unacknowledged event comes again and is recognised by its id.
            var second = TestBroker.Subscribe(api.District, log, first.Queue);
            _consumers.Add(second);
            await second.StartAsync(CancellationToken.None);
            await api.Disburse("P001", "V3", 300m);
            await Until.TrueAsync(() => Task.FromResult(second.Figures.Applied == 4 && second.Figures.Duplicates >= 1),
                "the redelivery and the fourth event", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));

            var ids = (await File.ReadAllLinesAsync(log)).Where(l => l.Length > 0)
                .Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()).ToList();
            Assert.Equal(4, ids.Distinct().Count());
            Assert.Equal(4, ids.Count);
            var line = await api.Appropriation("P001");
            var figures = second.Figures.Lines[$"{api.District}/2020/P001"];
            Assert.Equal((line.Money("executed"), 600m), (figures.Executed, line.Money("executed")));
        }
        finally { File.Delete(log); }
    }
}
