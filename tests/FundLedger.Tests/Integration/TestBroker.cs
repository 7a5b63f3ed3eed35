using System.Diagnostics;
using FundLedger.Consumer;

namespace FundLedger.Tests.Integration;

/// <summary>
/// The private RabbitMQ broker test.sh started (deploy/local/rabbitmq.sh, address in FUNDLEDGER_AMQP), and the consumer
/// example subscribed to one district on a queue of its own, deleted when the test ends.
/// </summary>
public static class TestBroker
{
    public static Uri Uri => new(Environment.GetEnvironmentVariable("FUNDLEDGER_AMQP")
        ?? throw new InvalidOperationException("FUNDLEDGER_AMQP is not set: run the tests with deploy/local/test.sh"));

    public static IntegrationConsumer Subscribe(string district, string? log = null, string? queue = null) =>
        new(Uri, queue ?? $"fundledger-test-{Guid.NewGuid():N}", [$"{district}.#"], log);

    /// <summary>Stops (or starts) the broker's application, its node staying up: every connection drops, queues stay.</summary>
    public static Task StopAsync() => RabbitCtlAsync("stop_app");

    public static Task StartAsync() => RabbitCtlAsync("start_app");

    /// <summary>
    /// Deletes a test's queue once the broker runs: another test class may have stopped it for an outage of its own
    /// (await_startup waits for the application, up to rabbitmqctl's timeout).
    /// </summary>
    public static async Task DeleteQueueAsync(string queue)
    {
        await RabbitCtlAsync("await_startup");
        await RabbitCtlAsync($"delete_queue {queue}");
    }

    private static async Task RabbitCtlAsync(string command)
    {
        var root = Infrastructure.Samples.RepositoryRoot();
        var start = new ProcessStartInfo("bash", ["-c", $"source deploy/local/rabbitmq.sh && rabbitctl -q {command}"])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmqctl {command}: {await error}");
    }
}
