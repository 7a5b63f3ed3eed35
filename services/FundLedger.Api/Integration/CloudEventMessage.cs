using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace FundLedger.Integration;

/// <summary>
/// A committed event ready for the broker: a CloudEvent in structured JSON (the CNCF SDK's formatter), its routing key and
/// the attributes the AMQP properties repeat (<see cref="CloudEventsMapper"/>).
/// </summary>
public sealed record CloudEventMessage(
    string Id, string Source, string Type, string RoutingKey, string? TraceParent, DateTimeOffset Time, ReadOnlyMemory<byte> Body)
{
    // camelCase like the API's answers; the records' money is a number at scale 2 through Money's own converter.
    private static readonly JsonEventFormatter Formatter = new(new JsonSerializerOptions(JsonSerializerDefaults.Web), default);

    private static readonly CloudEventAttribute Version =
        CloudEventAttribute.CreateExtension(IntegrationTopology.VersionAttribute, CloudEventAttributeType.Integer);

    // The distributed-tracing extension's attribute (the SDK of this version does not ship it).
    private static readonly CloudEventAttribute TraceParentAttribute =
        CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    /// <summary>The message of a district's event (its sequence, stream and version), recorded at a time by a traced request.</summary>
    public static CloudEventMessage Of(string district, long sequence, string stream, long version, DateTimeOffset time,
        string? traceParent, IntegrationEvent published)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Version, TraceParentAttribute])
        {
            Id = sequence.ToString(CultureInfo.InvariantCulture),
            Source = new Uri(IntegrationTopology.Source(district), UriKind.Relative),
            Type = published.Type,
            Subject = stream,
            Time = time,
            DataContentType = "application/json",
            Data = published.Data,
        };
        cloudEvent[Version] = checked((int)version);
        if (traceParent is not null) cloudEvent[TraceParentAttribute] = traceParent;
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        return new CloudEventMessage(cloudEvent.Id, IntegrationTopology.Source(district), published.Type,
            IntegrationTopology.RoutingKey(district, published.Type),
            traceParent, time, body);
    }
}
