using System.Globalization;
using RabbitMQ.Client;
using Wolverine;
using Wolverine.RabbitMQ.Internal;

namespace FundLedger.Integration;

/// <summary>
/// The AMQP properties of an integration message, for consumers that are not Wolverine: message-id is the CloudEvents id (the
/// event's sequence; a batch's first and last, <see cref="BatchHeader"/>), type its CloudEvents type, persistent delivery
/// (the exchange and queues are durable), the CloudEvents
/// attributes as <c>cloudEvents:*</c> headers (the AMQP binding's names) and <c>traceparent</c>. Wolverine's own headers are
/// not sent: the body is the whole contract.
/// </summary>
internal sealed class CloudEventsMapper : IRabbitMqEnvelopeMapper
{
    public const string IdHeader = "cloudEvents:id";
    public const string SourceHeader = "cloudEvents:source";
    public const string TypeHeader = "cloudEvents:type";
    public const string TraceParentHeader = "traceparent";

    /// <summary>A batch's first and last event ids, <c>1201-1264</c> (the AMQP message-id of a batch).</summary>
    public const string BatchHeader = "fundledger-batch";

    public void MapEnvelopeToOutgoing(Envelope envelope, IBasicProperties outgoing)
    {
        outgoing.MessageId = envelope.Headers.TryGetValue(IdHeader, out var id) ? id : envelope.Headers[BatchHeader];
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

    /// <summary>
    /// Consecutive events of one routing key as one message: a CloudEvents JSON batch (an array of the structured events,
    /// <see cref="IntegrationTopology.BatchContentType"/>). Each event keeps its own id, time and traceparent in the body;
    /// the AMQP headers say what the message as a whole is.
    /// </summary>
    public static Envelope BatchEnvelope(IReadOnlyList<CloudEventMessage> messages, string? traceParent)
    {
        var body = new byte[messages.Sum(m => m.Body.Length + 1) + 1];
        var at = 0;
        foreach (var message in messages)
        {
            body[at] = (byte)(at == 0 ? '[' : ',');
            at++;
            message.Body.Span.CopyTo(body.AsSpan(at));
            at += message.Body.Length;
        }
        body[at] = (byte)']';
        var envelope = Outgoing(body, IntegrationTopology.BatchContentType, messages[0], traceParent);
        envelope.Headers[BatchHeader] = BatchId(messages);
        return envelope;
    }

    public static string BatchId(IReadOnlyList<CloudEventMessage> messages) => $"{messages[0].Id}-{messages[^1].Id}";

    /// <summary>The envelope the relay hands to Wolverine's sender for a message, sent in the trace of its producer span.</summary>
    public static Envelope Envelope(CloudEventMessage message, string? traceParent)
    {
        var envelope = Outgoing(message.Body.ToArray(), IntegrationTopology.ContentType, message, traceParent);
        envelope.Headers[IdHeader] = message.Id;
        envelope.Headers["cloudEvents:time"] = message.Time.ToString("O", CultureInfo.InvariantCulture);
        return envelope;
    }

    /// <summary>What a single event's message and a batch's share: routed, typed and traced by their (first) event.</summary>
    private static Envelope Outgoing(byte[] body, string contentType, CloudEventMessage first, string? traceParent)
    {
        var envelope = new Envelope
        {
            Data = body,
            ContentType = contentType,
            MessageType = first.Type,
            TopicName = first.RoutingKey,
            SentAt = DateTimeOffset.UtcNow,
        };
        envelope.Headers[SourceHeader] = first.Source;
        envelope.Headers[TypeHeader] = first.Type;
        if (traceParent is not null) envelope.Headers[TraceParentHeader] = traceParent;
        return envelope;
    }
}
