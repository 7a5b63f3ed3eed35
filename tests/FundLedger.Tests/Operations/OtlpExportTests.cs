using System.Diagnostics;
using System.Net;
using FundLedger.Tests.Infrastructure;
using FundLedger.Tests.Infrastructure.Otlp;
using Npgsql;

namespace FundLedger.Tests.Operations;

/// <summary>
/// The service configured only by the standard OTEL_* variables, exporting to a real OTLP/HTTP protobuf receiver
/// on loopback: what an operator's collector receives after a client records a disbursement.
/// Runs in the ledger collection, not beside it: meters are process-wide, and TelemetryTests counts exactly.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OtlpExportTests : IAsyncLifetime
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
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=otlp-test",
        });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_disbursement_arrives_as_a_trace_from_HTTP_to_SQL_with_the_ledger_metrics_and_logs()
    {
        var api = _app.For(_app.NewDistrict());
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("P001", 100m)).Status);

        // The client's own trace context, as a finance system with tracing would send it.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var clientSpan = ActivitySpanId.CreateRandom().ToHexString();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/P001/disbursements",
            """{"voucherNo":"V1","amount":"60.50","paidOn":"2020-03-31","costItem":"印刷费"}""",
            traceparent: $"00-{traceId}-{clientSpan}-01")).Status);
        Assert.True((await api.Disburse("P001", "V1", 60.50m)).Replayed);
        // The refused payment, in a trace of its own, so that its log can be matched to exactly this request.
        var refusedTrace = ActivityTraceId.CreateRandom().ToHexString();
        Assert.Equal(HttpStatusCode.Conflict, (await api.Post("appropriations/P001/disbursements",
            """{"voucherNo":"V2","amount":"60.00","paidOn":"2020-03-31"}""",
            traceparent: $"00-{refusedTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-01")).Status);
        _app.FlushTelemetry();

        // Traces: the server span continues the client's trace, and the ledger, Marten and Npgsql spans hang under it.
        var trace = _receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        string Describe() => string.Join("\n", trace.Select(s => $"{s.Scope} | {s.Name} | {s.SpanId} <- {s.ParentSpanId}"));
        var server = Assert.Single(trace, s => s.Kind == 2);
        Assert.Equal("Microsoft.AspNetCore", server.Scope);
        Assert.Equal(clientSpan, server.ParentSpanId);
        Assert.Equal("POST", server.Attributes["http.request.method"]);
        Assert.Equal(201L, server.Attributes["http.response.status_code"]);
        Assert.Equal("/api/v1/districts/{district}/years/{year}/appropriations/{code}/disbursements", server.Attributes["http.route"]);
        // Wolverine.Http runs the endpoint inside the request's span and names its handler there.
        Assert.Equal("FundLedger.Appropriations.RecordDisbursementEndpoint", server.Attributes["handler.type"]);

        var ledger = Assert.Single(trace, s => s.Scope == "FundLedger" && s.Name == "ledger disburse");
        Assert.Equal("recorded", ledger.Attributes["fundledger.outcome"]);
        Assert.Equal(api.District, ledger.Attributes["fundledger.district"]);
        Assert.True(Under(ledger, server, trace), Describe());

        // The group commit's transaction, under the write that opened it: one group of one write, one event.
        var commit = Assert.Single(trace, s => s.Scope == "FundLedger" && s.Name == "ledger commit");
        Assert.Equal(ledger.SpanId, commit.ParentSpanId);
        Assert.Equal(1L, commit.Attributes["fundledger.group.writes"]);
        Assert.Equal(1L, commit.Attributes["fundledger.group.events"]);

        // Two round trips for the write: the locks with every read, then the event, documents, claims and commit,
        // each a client span under the commit span.
        var sql = trace.Where(s => s.Scope == "Npgsql").ToList();
        Assert.Equal(2, sql.Count);
        Assert.All(sql, s => Assert.True(s.Kind == 3 && Under(s, commit, trace), Describe()));   // CLIENT
        Assert.All(sql, s => Assert.Equal("postgresql", s.Attributes["db.system"]));
        Assert.Contains(sql, s => ((string)s.Attributes["db.statement"]!).Contains("for update"));
        Assert.Contains(sql, s => ((string)s.Attributes["db.statement"]!).Contains("insert into fundledger.events"));

        // Resource: ours, with the operator's OTEL_RESOURCE_ATTRIBUTES applied.
        Assert.Equal("fundledger", server.Resource["service.name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)server.Resource["service.version"]!);
        Assert.Equal("otlp-test", server.Resource["deployment.environment"]);
        Assert.All(_receiver.ContentTypes, t => Assert.Equal("application/x-protobuf", t));

        // An auditor goes from the event to its trace: the event's correlation id is the request's trace id.
        Assert.Equal(traceId, await CorrelationIdOf(api.District, "V1"));

        // Metrics an operator watches, from FundLedger's meter and the platform's.
        var metrics = _receiver.Metrics.ToList();
        ReceivedMetric Metric(string name) => metrics.Last(m => m.Name == name);
        Assert.Contains(Metric("fundledger.disbursements.recorded").Points,
            p => p.Value >= 1 && p.Attributes.ContainsKey("fundledger.over_budget"));
        Assert.Contains(Metric("fundledger.disbursements.amount").Points, p => p.Value >= 60.5);
        Assert.Contains(Metric("fundledger.refusals").Points,
            p => Equals(p.Attributes["fundledger.problem"], "budget-exceeded") && p.Value >= 1);
        Assert.Contains(Metric("fundledger.idempotent_replays").Points,
            p => Equals(p.Attributes["fundledger.operation"], "disburse") && p.Value >= 1);
        Assert.Contains(Metric("fundledger.projection.lag").Points, p => Equals(p.Attributes["fundledger.projection"], "appropriation"));
        Assert.Equal("FundLedger", Metric("fundledger.disbursements.recorded").Scope);
        Assert.Contains(Metric("http.server.request.duration").Points,
            p => Equals(p.Attributes["http.route"], server.Attributes["http.route"]));
        Assert.Contains(Metric("fundledger.events.appended").Points,
            p => Equals(p.Attributes["fundledger.event_type"], "disbursement_recorded") && p.Value >= 1);
        // Marten's append counter is not configured: Marten appends nothing here, and a counter reading 0 would mislead.
        Assert.DoesNotContain(metrics, m => m.Name == "marten.event.append");
        Assert.Contains(metrics, m => m.Name == "fundledger.write.group.size");
        Assert.Contains(metrics, m => m.Name == "fundledger.write.commit.duration");
        Assert.Contains(metrics, m => m.Name.StartsWith("dotnet.gc."));
        Assert.Contains(metrics, m => m.Scope == "Npgsql");

        // Logs: the refusal is logged with its trace, so an operator can go from a client's complaint to the request.
        var refusal = Assert.Single(_receiver.Logs, l => l.Body.Contains("Refused disburse in district " + api.District));
        Assert.Equal("budget-exceeded", refusal.Attributes["Problem"]);
        Assert.Equal(refusedTrace, refusal.TraceId);
        Assert.Equal("fundledger", refusal.Resource["service.name"]);
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> within the trace.</summary>
    private static bool Under(ReceivedSpan span, ReceivedSpan ancestor, IReadOnlyList<ReceivedSpan> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }

    private async Task<string?> CorrelationIdOf(string district, string voucherNo)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select correlation_id from fundledger.events " +
            "where tenant_id = @d and type = 'disbursement_recorded' and data ->> 'voucherNo' = @v", connection);
        command.Parameters.AddWithValue("d", district);
        command.Parameters.AddWithValue("v", voucherNo);
        return (string?)await command.ExecuteScalarAsync();
    }
}
