using System.Globalization;
using RabbitMQ.Client;
using Wolverine;
using Wolverine.RabbitMQ.Internal;

namespace FundLedger.Integration;

/// <summary>
/// The AMQP properties of an integration message, for consumers that are not Wolverine: message-id is the CloudEvents id (the
/// event's sequence), type its CloudEvents type, persistent delivery (the exchange and queues are durable), the CloudEvents
/// attributes as <c>cloudEvents:*</c> headers (the AMQP binding's names) and <c>traceparent</c>. Wolverine's own headers are
/// not sent: the body is the whole contract.
/// </summary>
internal sealed class CloudEventsMapper : IRabbitMqEnvelopeMapper
{
    public const string IdHeader = "cloudEvents:id";
    public const string SourceHeader = "cloudEvents:source";
    public const string TypeHeader = "cloudEvents:type";
    public const string TraceParentHeader = "traceparent";

    public void MapEnvelopeToOutgoing(Envelope envelope, IBasicProperties outgoing)
    {
        var id = envelope.Headers[IdHeader]!;
        outgoing.MessageId = id;
        outgoing.Type = envelope.MessageType;
        outgoing.ContentType = envelope.ContentType;
        outgoing.AppId = "fundledger";
        outgoing.Persistent = true;
        outgoing.Timestamp = new AmqpTimestamp(envelope.SentAt.ToUnixTimeSeconds());
        outgoing.Headers ??= new Dictionary<string, object?>();
        foreach (var (key, value) in envelope.Headers)
            if (value is not null) outgoing.Headers[key] = value;
    }

    public void MapIncomingToEnvelope(Envelope envelope, IReadOnlyBasicProperties incoming) =>
        throw new NotSupportedException("FundLedger publishes integration events; it does not receive them");

    /// <summary>The envelope the relay hands to Wolverine's sender for a message, sent in the trace of its producer span.</summary>
    public static Envelope Envelope(CloudEventMessage message, string? traceParent)
    {
        var envelope = new Envelope
        {
            Data = message.Body.ToArray(),
            ContentType = IntegrationTopology.ContentType,
            MessageType = message.Type,
            TopicName = message.RoutingKey,
            SentAt = DateTimeOffset.UtcNow,
        };
        envelope.Headers[IdHeader] = message.Id;
        envelope.Headers[SourceHeader] = message.Source;
        envelope.Headers[TypeHeader] = message.Type;
        if (traceParent is not null) envelope.Headers[TraceParentHeader] = traceParent;
        envelope.Headers["cloudEvents:time"] = message.Time.ToString("O", CultureInfo.InvariantCulture);
        return envelope;
    }
}
