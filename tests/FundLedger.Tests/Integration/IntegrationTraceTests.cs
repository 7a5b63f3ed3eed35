using System.Diagnostics;
using System.Net;
using FundLedger.Consumer;
using FundLedger.Integration;
using FundLedger.Tests.Infrastructure;
using FundLedger.Tests.Infrastructure.Otlp;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace FundLedger.Tests.Integration;

/// <summary>
/// One disbursement's trace as an operator's collector receives it, from the finance system's request through the service's
/// commit and the relay's publish to the consumer that applied it: the service and the consumer both export to a real
/// OTLP/HTTP receiver. In the ledger collection: meters and activity listeners are process-wide.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class IntegrationTraceTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;
    private LedgerApp _app = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _app = LedgerApp.With(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            [EventRelay.BrokerSetting] = TestBroker.Uri.ToString(),
        });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_disbursement_is_one_trace_from_the_request_to_the_consumer()
    {
        using var consumerTracing = Sdk.CreateTracerProviderBuilder().AddSource(IntegrationConsumer.Source.Name)
            .AddOtlpExporter(o => (o.Endpoint, o.Protocol) = (new Uri($"{_receiver.Endpoint}/v1/traces"), OtlpExportProtocol.HttpProtobuf))
            .Build()!;
        var api = _app.For(_app.NewDistrict());
        await using var consumer = TestBroker.Subscribe(api.District);
        var received = 0;
        consumer.Received += (_, _) => Interlocked.Increment(ref received);
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 100m)).Status);
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            var clientSpan = ActivitySpanId.CreateRandom().ToHexString();
            Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/P001/disbursements",
                """{"voucherNo":"V1","amount":"60.50","paidOn":"2020-03-31"}""", traceparent: $"00-{traceId}-{clientSpan}-01")).Status);
            await Until.TrueAsync(() => Task.FromResult(received == 2), "both events consumed", TimeSpan.FromSeconds(60),
                TimeSpan.FromMilliseconds(50));
            _app.FlushTelemetry();
            consumerTracing.ForceFlush();

            var trace = _receiver.Spans.Where(s => s.TraceId == traceId).ToList();
            string Describe() => string.Join("\n", trace.Select(s => $"{s.Scope} | {s.Name} | {s.SpanId} <- {s.ParentSpanId}"));
            var server = Assert.Single(trace, s => s.Kind == 2 && s.Scope == "Microsoft.AspNetCore");
            Assert.Equal(clientSpan, server.ParentSpanId);
            // Producer (4) under the request's span (the span the endpoint ran in); consumer (5) under the producer.
            var publish = Assert.Single(trace, s => s.Kind == 4 && s.Name == $"publish {IntegrationTopology.DisbursementRecorded}");
            Assert.Equal("FundLedger", publish.Scope);
            Assert.True(Under(publish, server, trace), Describe());
            Assert.Equal($"{api.District}.disbursement.recorded.v1", publish.Attributes["messaging.rabbitmq.destination.routing_key"]);
            var consume = Assert.Single(trace, s => s.Kind == 5);
            Assert.Equal(("FundLedger.Consumer", publish.SpanId), (consume.Scope, consume.ParentSpanId));
            Assert.Equal(publish.Attributes["messaging.message.id"], consume.Attributes["messaging.message.id"]);
            Assert.True(trace.Count >= 4, Describe());
            output.WriteLine(Describe());
        }
        finally { await TestBroker.DeleteQueueAsync(consumer.Queue); }
    }

    private static bool Under(ReceivedSpan span, ReceivedSpan ancestor, IReadOnlyList<ReceivedSpan> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }
}
