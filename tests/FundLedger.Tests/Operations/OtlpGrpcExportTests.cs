using System.Diagnostics;
using System.Net;
using FundLedger.Tests.Infrastructure.Otlp;

namespace FundLedger.Tests.Operations;

/// <summary>
/// The service given only OTEL_EXPORTER_OTLP_ENDPOINT, so the exporter's default protocol, gRPC, as the compose file
/// and the Kubernetes manifests run it: traces, metrics and logs reach a gRPC receiver on loopback.
/// Runs in the ledger collection, not beside it: meters are process-wide, and TelemetryTests counts exactly.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OtlpGrpcExportTests : IAsyncLifetime
{
    private OtlpReceiver _receiver = null!;
    private LedgerApp _app = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync(grpc: true);
        _app = LedgerApp.With(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task With_no_protocol_configured_traces_metrics_and_logs_arrive_over_gRPC()
    {
        var api = _app.For(_app.NewDistrict());
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 100m)).Status);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/P001/disbursements",
            """{"voucherNo":"V1","amount":"60.50","paidOn":"2020-03-31"}""",
            traceparent: $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Disburse("P001", "V2", 60m)).Status);
        _app.FlushTelemetry();

        var ledger = Assert.Single(_receiver.Spans, s => s.TraceId == traceId && s.Name == "ledger disburse");
        Assert.Equal("recorded", ledger.Attributes["fundledger.outcome"]);
        Assert.Contains(_receiver.Metrics, m => m.Name == "fundledger.disbursements.recorded" && m.Points.Any(p => p.Value >= 1));
        Assert.Contains(_receiver.Logs, l => l.Body.Contains("Refused disburse in district " + api.District));
        Assert.NotEmpty(_receiver.ContentTypes);
        Assert.All(_receiver.ContentTypes, t => Assert.StartsWith("application/grpc", t));
    }
}
