using FundLedger.Kernel;
namespace FundLedger.Tests.Infrastructure.Otlp;

/// <summary>What an OTLP receiver saw, in the terms of the OpenTelemetry data model.</summary>
public sealed record ReceivedSpan(string Scope, string Name, int Kind, string TraceId, string SpanId, string ParentSpanId,
    IReadOnlyDictionary<string, object?> Attributes, IReadOnlyDictionary<string, object?> Resource);

public sealed record ReceivedPoint(IReadOnlyDictionary<string, object?> Attributes, double Value);

public sealed record ReceivedMetric(string Scope, string Name, string Unit, IReadOnlyList<ReceivedPoint> Points,
    IReadOnlyDictionary<string, object?> Resource);

public sealed record ReceivedLog(string Scope, string Severity, string Body, string TraceId,
    IReadOnlyDictionary<string, object?> Attributes, IReadOnlyDictionary<string, object?> Resource);

/// <summary>
/// Decodes ExportTraceServiceRequest, ExportMetricsServiceRequest and ExportLogsServiceRequest by the field numbers
/// of opentelemetry-proto (trace.proto, metrics.proto, logs.proto, common.proto, resource.proto).
/// </summary>
public static class OtlpDecoder
{
    public static IEnumerable<ReceivedSpan> Spans(ReadOnlyMemory<byte> request) =>
        from x in Items(request)
        select new ReceivedSpan(x.Scope, x.Item.Field(5)?.Text ?? "", (int)(x.Item.Field(6)?.Scalar ?? 0),
            x.Item.Field(1)?.Hex ?? "", x.Item.Field(2)?.Hex ?? "", x.Item.Field(4)?.Hex ?? "", Attributes(x.Item.Fields(9)), x.Resource);

    public static IEnumerable<ReceivedMetric> Metrics(ReadOnlyMemory<byte> request) =>
        from x in Items(request)
        select new ReceivedMetric(x.Scope, x.Item.Field(1)?.Text ?? "", x.Item.Field(3)?.Text ?? "", Points(x.Item), x.Resource);

    public static IEnumerable<ReceivedLog> Logs(ReadOnlyMemory<byte> request) =>
        from x in Items(request)
        select new ReceivedLog(x.Scope, x.Item.Field(3)?.Text ?? "", x.Item.Field(5) is { } body ? AnyValue(body)?.ToString() ?? "" : "",
            x.Item.Field(9)?.Hex ?? "", Attributes(x.Item.Fields(6)), x.Resource);

    /// <summary>
    /// The nesting all three requests share: Resource* (1) → { resource (1), Scope* (2) → { scope (1), items (2) } },
    /// the items being spans, metrics or log records.
    /// </summary>
    private static IEnumerable<(IReadOnlyDictionary<string, object?> Resource, string Scope, List<ProtoField> Item)> Items(
        ReadOnlyMemory<byte> request) =>
        from resourceItems in Protobuf.Read(request).Fields(1)
        let resource = Resource(resourceItems)
        from scopeItems in resourceItems.Message.Fields(2)
        let scope = ScopeName(scopeItems)
        from item in scopeItems.Message.Fields(2)
        select (resource, scope, item.Message.ToList());

    /// <summary>Gauge (5) and Sum (7) hold NumberDataPoints; Histogram (9) holds HistogramDataPoints (count and sum).</summary>
    private static List<ReceivedPoint> Points(List<ProtoField> metric)
    {
        var points = new List<ReceivedPoint>();
        foreach (var number in new[] { 5, 7 })
            foreach (var data in metric.Fields(number))
                foreach (var point in data.Message.Fields(1))
                {
                    var p = point.Message.ToList();
                    var value = p.Field(4) is { } asDouble ? asDouble.Double : p.Field(6)?.Int64 ?? 0;
                    points.Add(new ReceivedPoint(Attributes(p.Fields(7)), value));
                }
        foreach (var data in metric.Fields(9))
            foreach (var point in data.Message.Fields(1))
            {
                var p = point.Message.ToList();
                points.Add(new ReceivedPoint(Attributes(p.Fields(9)), p.Field(4)?.Int64 ?? 0));
            }
        return points;
    }

    private static string ScopeName(ProtoField scoped) => scoped.Message.Field(1)?.Message.Field(1)?.Text ?? "";

    private static IReadOnlyDictionary<string, object?> Resource(ProtoField resourceItem) =>
        resourceItem.Message.Field(1) is { } resource ? Attributes(resource.Message.Fields(1)) : new Dictionary<string, object?>();

    private static Dictionary<string, object?> Attributes(IEnumerable<ProtoField> keyValues)
    {
        var attributes = new Dictionary<string, object?>();
        foreach (var kv in keyValues)
        {
            var fields = kv.Message.ToList();
            attributes[fields.Field(1)?.Text ?? ""] = fields.Field(2) is { } value ? AnyValue(value) : null;
        }
        return attributes;
    }

    private static object? AnyValue(ProtoField any)
    {
        var f = any.Message.FirstOrDefault();
        return f.Number switch
        {
            1 => f.Text,
            2 => f.Scalar != 0,
            3 => f.Int64,
            4 => f.Double,
            _ => null,
        };
    }
}
