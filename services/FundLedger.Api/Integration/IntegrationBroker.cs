using Wolverine;
using Wolverine.RabbitMQ;
using Wolverine.Runtime;
using Wolverine.Transports.Sending;

namespace FundLedger.Integration;

/// <summary>
/// Wolverine's RabbitMQ transport, in a host of its own that the relay starts and restarts. Its own host because Wolverine
/// starts its brokers with the application and fails the start when the broker cannot be reached: the ledger takes writes
/// whether or not the broker is up, and the relay catches up when it is. The exchange is a durable topic exchange
/// (<see cref="IntegrationTopology"/>), the channel confirms every publish, and the sender is awaited directly: Wolverine's
/// inline sending agent retries a failed send in the background and drops it after three attempts, while the relay must
/// know, message by message, that the broker has it before its cursor moves.
/// </summary>
public sealed class IntegrationBroker(Uri broker, ILoggerFactory logs) : IAsyncDisposable
{
    private static readonly Uri Endpoint = new($"rabbitmq://exchange/{IntegrationTopology.Exchange}");

    private IHost? _host;
    private ISender? _sender;
    private readonly SemaphoreSlim _starting = new(1, 1);

    /// <summary>The broker's address without its credentials (for logs and spans).</summary>
    public string Address => $"{broker.Host}:{broker.Port}";

    /// <summary>
    /// Publishes one message (<see cref="CloudEventsMapper"/> makes its envelope) and returns once the broker confirmed it;
    /// throws when it did not.
    /// </summary>
    public async Task PublishAsync(Envelope envelope, TimeSpan timeout, CancellationToken ct)
    {
        var sender = _sender ?? await ConnectAsync(ct);
        await sender.SendAsync(envelope).AsTask().WaitAsync(timeout, ct);
    }

    /// <summary>Starts the host and its connection unless they run; once, however many publishers ask at the same time.</summary>
    public async Task<ISender> ConnectAsync(CancellationToken ct)
    {
        await _starting.WaitAsync(ct);
        try { return _sender ?? await StartAsync(ct); }
        finally { _starting.Release(); }
    }

    private async Task<ISender> StartAsync(CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(IntegrationBroker).Assembly;
            // This host only publishes: no handlers to find among the service's types.
            opts.Discovery.DisableConventionalDiscovery();
            opts.ServiceName = "fundledger-relay";
            opts.UseRabbitMq(broker)
                .AutoProvision()
                // A publisher only: no reply queue (Wolverine declares a durable one per host, named by a new id each start,
                // so every restart of the relay would leave one behind) and no dead-letter queue (nothing is received).
                .DisableSystemRequestReplyQueueDeclaration()
                .DisableDeadLetterQueueing()
                .ConfigureChannelCreation(channel =>
                {
                    channel.PublisherConfirmationsEnabled = true;
                    channel.PublisherConfirmationTrackingEnabled = true;
                })
                .DeclareExchange(IntegrationTopology.Exchange, exchange =>
                {
                    exchange.ExchangeType = ExchangeType.Topic;
                    exchange.IsDurable = true;
                });
            opts.PublishAllMessages().ToRabbitTopics(IntegrationTopology.Exchange).SendInline()
                .UseInterop(new CloudEventsMapper());
        });
        // The service's logging (and so its OTLP export) for Wolverine's and the RabbitMQ client's messages.
        builder.Services.AddSingleton(logs);
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
            var agent = host.Services.GetRequiredService<IWolverineRuntime>().Endpoints.GetOrBuildSendingAgent(Endpoint);
            _sender = (agent as InlineSendingAgent)?.Sender
                ?? throw new InvalidOperationException($"the integration exchange's sender is {agent.GetType().Name}, not inline");
            _host = host;
            return _sender;
        }
        catch
        {
            await Stop(host);
            throw;
        }
    }

    /// <summary>Drops the connection after a failure: the next publish starts a new host (and connection).</summary>
    public async Task ResetAsync()
    {
        var host = _host;
        (_host, _sender) = (null, null);
        if (host is not null) await Stop(host);
    }

    private static async Task Stop(IHost host)
    {
        try { await host.StopAsync(TimeSpan.FromSeconds(5)); }
        catch (Exception) { /* a broker that went away cannot be closed politely */ }
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _starting.Dispose();
    }
}
