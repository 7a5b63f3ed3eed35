using System.Diagnostics;
using System.Text;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using FundLedger.Integration;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace FundLedger.Consumer;

/// <summary>
/// A downstream system's subscription to FundLedger's integration events, as an example to copy: a durable queue of its own
/// bound to the routing keys it needs, a message of one event or a batch of several (by its content type), manual
/// acknowledgements after the message's events are applied and logged (a crash before the ack
/// gets the message again), and deduplication by (source, id) so at-least-once delivery has an exactly-once effect. The log
/// (one CloudEvent per line, the ones applied) is the consumer's durable state: a restart replays it before consuming.
/// </summary>
public sealed class IntegrationConsumer(Uri broker, string queue, IReadOnlyList<string> bindings, string? logPath) : IAsyncDisposable
{
    public static readonly ActivitySource Source = new("FundLedger.Consumer");

    /// <summary>The distributed-tracing extension: the W3C trace context of the request that recorded the event.</summary>
    public static readonly CloudEventAttribute TraceParent =
        CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    /// <summary>The stream version of the event.</summary>
    public static readonly CloudEventAttribute StreamVersion =
        CloudEventAttribute.CreateExtension(IntegrationTopology.VersionAttribute, CloudEventAttributeType.Integer);

    private static readonly CloudEventAttribute[] Extensions = [StreamVersion, TraceParent];

    private static readonly JsonEventFormatter Formatter = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public RunningFigures Figures { get; } = new();

    public string Queue => queue;

    /// <summary>Messages received (one event, or a batch of several), duplicates included.</summary>
    public int Messages => _messages;

    private int _messages;

    /// <summary>Every message received, new or duplicate, in order of arrival (what the fault tests compare).</summary>
    public event Action<CloudEvent, bool>? Received;

    /// <summary>Replays the log, subscribes (<see cref="SubscribeAsync"/>, unless done) and consumes.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (logPath is not null && File.Exists(logPath))
            foreach (var line in await File.ReadAllLinesAsync(logPath, ct))
                if (line.Length > 0) Figures.Apply(Decode(Encoding.UTF8.GetBytes(line)));
        if (_channel is null) await SubscribeAsync(ct);
        await _channel!.BasicQosAsync(0, 200, false, ct);
        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += OnMessageAsync;
        await _channel.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
    }

    /// <summary>
    /// Connects and binds the durable queue to the routing keys, without consuming: from here the broker keeps every event
    /// bound for it, whenever the consumer starts reading (<see cref="StartAsync"/>).
    /// </summary>
    public async Task SubscribeAsync(CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = broker, AutomaticRecoveryEnabled = true, ClientProvidedName = queue };
        _connection = await ConnectAsync(factory, ct);
        _channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        await _channel.ExchangeDeclareAsync(IntegrationTopology.Exchange, ExchangeType.Topic, durable: true, cancellationToken: ct);
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        foreach (var binding in bindings)
            await _channel.QueueBindAsync(queue, IntegrationTopology.Exchange, binding, cancellationToken: ct);
    }

    private async Task OnMessageAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _messages);
        var header = Header(delivery, "traceparent");
        if (delivery.BasicProperties.ContentType == IntegrationTopology.BatchContentType)
        {
            // A batch: each event is applied (and logged) on its own, continuing the trace of the request that recorded it and
            // linked to the relay's publish. A crash part-way gets the whole message again; what was applied is a duplicate.
            ActivityContext.TryParse(header, null, out var publish);
            foreach (var e in DecodeBatch(delivery.Body))
                await ApplyAsync(e, e[TraceParent] as string, publish, null);
        }
        else
        {
            // The span continues the trace of the relay's publish (itself in the recording request's trace).
            await ApplyAsync(Decode(delivery.Body), header, default, delivery.Body);
        }
        await _channel!.BasicAckAsync(delivery.DeliveryTag, false);
    }

    private async Task ApplyAsync(CloudEvent e, string? parentTrace, ActivityContext link, ReadOnlyMemory<byte>? body)
    {
        ActivityContext.TryParse(parentTrace, null, out var parent);
        using var span = Source.StartActivity($"consume {e.Type}", ActivityKind.Consumer, parent,
            links: link == default ? null : [new ActivityLink(link)]);
        span?.SetTag("messaging.system", "rabbitmq");
        span?.SetTag("messaging.message.id", e.Id);
        await _gate.WaitAsync();
        try
        {
            var isNew = Figures.Apply(e);
            span?.SetTag("fundledger.duplicate", !isNew);
            if (isNew && logPath is not null)
            {
                var line = body ?? Formatter.EncodeStructuredModeMessage(e, out _);
                await File.AppendAllTextAsync(logPath, Encoding.UTF8.GetString(line.Span) + "\n");
            }
            Received?.Invoke(e, isNew);
        }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// The first connection, waiting for a broker that is away (restarted, or not up yet) for up to two minutes: a worker
    /// started beside its broker should not fail for being first. Once connected, the client's own recovery takes over.
    /// </summary>
    private static async Task<IConnection> ConnectAsync(ConnectionFactory factory, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try { return await factory.CreateConnectionAsync(ct); }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static string? Header(BasicDeliverEventArgs delivery, string key) =>
        delivery.BasicProperties.Headers?.TryGetValue(key, out var value) == true && value is byte[] bytes
            ? Encoding.UTF8.GetString(bytes) : null;

    public static IReadOnlyList<CloudEvent> DecodeBatch(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeBatchModeMessage(body, new System.Net.Mime.ContentType(IntegrationTopology.BatchContentType), Extensions);

    public static CloudEvent Decode(ReadOnlyMemory<byte> body) =>
        Formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType(IntegrationTopology.ContentType), Extensions);

    /// <summary>
    /// Ends the subscription for good: its queue is deleted with whatever it still holds. (Disposing only disconnects; the
    /// durable queue keeps collecting the events it is bound to, as a subscription that is coming back must.)
    /// </summary>
    public async Task DeleteQueueAsync(CancellationToken ct)
    {
        if (_channel is null) throw new InvalidOperationException("the consumer has not started");
        await _channel.QueueDeleteAsync(queue, cancellationToken: ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null) await _channel.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
