using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FundLedger.Consumer;
using Npgsql;

namespace FundLedger.Benchmarks;

/// <summary>
/// <c>--integration</c>: what publishing the integration events costs the write path and how late they arrive. The POST rate
/// at 64 clients (wrk) with the relay off, on, and on with the consumer reading only after the load, interleaved in two
/// rounds, each service on a database of its own; with it on, the consumer example subscribed to every event, the relay's
/// catch-up after the load (events/s), and the latency from a payment's 201 to the consumer at half the measured rate (open
/// loop).
/// </summary>
public static class IntegrationBench
{
    private const int Lines = 2_000;
    private const int Clients = 64;

    public static async Task<string> RunAsync(BenchOptions options, string serverConnection)
    {
        var broker = new Uri(Environment.GetEnvironmentVariable("FUNDLEDGER_AMQP")
            ?? throw new InvalidOperationException("Set FUNDLEDGER_AMQP (deploy/local/bench.sh does)."));
        var lines = options.Smoke ? 20 : Lines;
        await using var offDb = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench_off", maxPoolSize: 100);
        await using var onDb = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench_on", maxPoolSize: 100);
        await using var laterDb = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench_later", maxPoolSize: 100);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var rows = new List<string>();
        var rates = Enum.GetValues<Mode>().ToDictionary(m => m, _ => new List<double>());
        string? latency = null;
        for (var round = 1; round <= 2; round++)
        {
            foreach (var mode in Enum.GetValues<Mode>())
            {
                var publishing = mode != Mode.Off;
                var database = mode switch { Mode.Off => offDb, Mode.On => onDb, _ => laterDb };
                var queue = $"fundledger-bench-{run}-{round}-{mode.ToString().ToLowerInvariant()}";
                var settings = publishing
                    ? new Dictionary<string, string> { ["FundLedger__Integration__RabbitMq"] = broker.ToString() }
                    : new Dictionary<string, string>();
                // Subscribed before the service starts, so its queue is bound before the relay publishes anything: every
                // event after the database's head at this moment reaches it (a fresh broker drops events no queue is bound to).
                await using var consumer = publishing
                    ? new IntegrationConsumer(broker, queue, ["#"], null)
                    : null;
                var received = new ConcurrentDictionary<string, long>();
                var subscribedAt = await Run.HeadAsync(database.ConnectionString);
                if (consumer is not null)
                {
                    consumer.Received += (e, isNew) =>
                    {
                        if (isNew && e.Data is JsonElement data && data.TryGetProperty("voucherNo", out var voucher))
                            received[voucher.GetString()!] = Stopwatch.GetTimestamp();
                    };
                    // Consuming later: the queue bound now (the broker routes and stores every event), read only after the load.
                    if (mode == Mode.On) await consumer.StartAsync(CancellationToken.None);
                    else await consumer.SubscribeAsync(CancellationToken.None);
                }
                await using var service = await ServiceUnderTest.StartAsync(database.ConnectionString, settings);
                var tools = LoadTools.For(database.ConnectionString);
                var bench = new Run(service, lines);
                if (round == 1) await bench.EnactAsync();
                await tools.WrkAsync(service.Url, "post", Clients, options.Phase, Run.Base, bench.Token,
                    $"W{round}{publishing}", $"{lines}");
                var before = CpuUse.Take(service.ProcessId);
                var post = await tools.WrkAsync(service.Url, "post", Clients, options.Phase, Run.Base, bench.Token,
                    $"M{round}{publishing}", $"{lines}");
                var cpu = CpuUse.Between(before, CpuUse.Take(service.ProcessId));
                rates[mode].Add(post.PerSecond);
                var row = $"| {round} | {Describe(mode)} | {post.PerSecond:0} | {post.P50:0.0} / {post.P99:0.0} | {cpu} |";
                if (consumer is not null)
                {
                    if (mode == Mode.OnConsumerLater) await consumer.StartAsync(CancellationToken.None);
                    var caughtUp = await bench.CatchUpAsync(database.ConnectionString, consumer, subscribedAt);
                    // Under a second means the relay kept up with the load: there was no backlog to drain.
                    row += caughtUp.Seconds < 1
                        ? $" {caughtUp.Events}, kept up ({caughtUp.Seconds:0.0} s) |"
                        : $" {caughtUp.Events} in {caughtUp.Seconds:0.0} s ({caughtUp.Events / caughtUp.Seconds:0}/s) |";
                    if (round == 2 && mode == Mode.On)
                        latency = await bench.LatencyAsync(post.PerSecond / 2, options.Smoke ? 2 : 15, received);
                    // A durable queue left behind would go on collecting every later phase's events with no one reading
                    // them: work for the broker that no consumer asked for.
                    await consumer.DeleteQueueAsync(CancellationToken.None);
                    await consumer.DisposeAsync();
                }
                else row += " – |";
                rows.Add(row);
            }
        }
        var ratio = rates[Mode.On].Average() / rates[Mode.Off].Average();
        var laterRatio = rates[Mode.OnConsumerLater].Average() / rates[Mode.Off].Average();
        var md = new StringBuilder();
        md.AppendLine($"# Integration events: publishing on and off ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine.Describe()})")
            .AppendLine();
        md.AppendLine($"POST of a payment, {Clients} clients (wrk), {options.Phase.TotalSeconds:0} s a phase after a warm-up phase, " +
            $"{lines} lines; rounds interleaved, each service on its own database. With publishing on, the consumer example " +
            "(contracts/FundLedger.Consumer) is subscribed to every event on the same machine: consuming during the load (on), or " +
            "its queue bound before the service starts and read only after the load (on, consumer later: the broker still " +
            "routes and stores every event; the last column is then the consumer draining the queue). A phase has " +
            $"{options.Phase.TotalSeconds * Environment.ProcessorCount:0} CPU seconds on this machine's " +
            $"{Environment.ProcessorCount} cores; " +
            "the CPU column says who spent them.").AppendLine();
        md.AppendLine("| round | publishing | POST/s | p50 / p99 (ms) | CPU s in the phase: service / broker / consumer / rest | " +
            "relay: events in the database, and how long after the load until the consumer had them all |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows) md.AppendLine(row);
        md.AppendLine();
        md.AppendLine($"- On against off, mean of the rounds: **{ratio:0.00}×** (target ≥ 0.9×); with the consumer reading " +
            $"only after the load: {laterRatio:0.00}×.");
        if (latency is not null) md.AppendLine($"- {latency}");
        return md.ToString();
    }

    /// <summary>Publishing off; on with the consumer reading during the load; on with the consumer reading after it.</summary>
    private enum Mode { Off, On, OnConsumerLater }

    private static string Describe(Mode mode) => mode switch { Mode.Off => "off", Mode.On => "on", _ => "on, consumer later" };

    private sealed class Run(ServiceUnderTest service, int lines)
    {
        public static readonly string Base = $"/api/v1/districts/{BenchOptions.District}/years/{BenchOptions.Year}";
        private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(5),
        };

        public string Token => service.Token(BenchOptions.District);

        public async Task EnactAsync()
        {
            var enact = await Load.ClosedCountAsync(16, lines, n => SendAsync($"{Base}/appropriations", $$"""
                {"code":"A{{n:D5}}","name":"Line {{n}}","department":{"code":"D1","name":"D1"},"kind":"project",
                 "functionClass":"2070899","fundSource":"general-budget","originalAmount":"100000000.00","enactedOn":"2020-01-01"}
                """));
            if (enact.Failed > 0) throw new InvalidOperationException($"{enact.Failed} appropriations not enacted");
        }

        /// <summary>
        /// Waits until the consumer has every event recorded after <paramref name="subscribedAt"/> (the head when it subscribed;
        /// sequences have no gaps, and every event this benchmark records is published): how many, and how long after now.
        /// </summary>
        public async Task<(long Events, double Seconds)> CatchUpAsync(string connection, IntegrationConsumer consumer, long subscribedAt)
        {
            var events = await HeadAsync(connection) - subscribedAt;
            var started = Stopwatch.StartNew();
            // Draining the relay's backlog, measured by when the consumer has it all (polled, not slept on).
            while (consumer.Figures.Applied < events && started.Elapsed < TimeSpan.FromMinutes(10)) await Task.Delay(50);
            return (consumer.Figures.Applied, started.Elapsed.TotalSeconds);
        }

        /// <summary>The database's last event sequence (0 before the service created its tables).</summary>
        public static async Task<long> HeadAsync(string connection)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var exists = new NpgsqlCommand("select to_regclass('fundledger.events') is not null", db);
            if (!(bool)(await exists.ExecuteScalarAsync())!) return 0;
            await using var head = new NpgsqlCommand("select coalesce(max(seq_id), 0) from fundledger.events", db);
            return (long)(await head.ExecuteScalarAsync())!;
        }

        /// <summary>Payments at <paramref name="rate"/>/s, open loop: from each 201 to the consumer's receipt of its event.</summary>
        public async Task<string> LatencyAsync(double rate, int seconds, ConcurrentDictionary<string, long> received)
        {
            var answered = new ConcurrentDictionary<string, long>();
            var load = await Load.OpenAsync(rate, TimeSpan.FromSeconds(seconds), async n =>
            {
                var voucher = $"E2E-{n}";
                var ok = await SendAsync($"{Base}/appropriations/A{n % lines:D5}/disbursements",
                    $$"""{"voucherNo":"{{voucher}}","amount":"1.00","paidOn":"2020-05-20"}""");
                answered[voucher] = Stopwatch.GetTimestamp();
                return ok;
            });
            var wait = Stopwatch.StartNew();
            while (answered.Keys.Any(v => !received.ContainsKey(v)) && wait.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
            // An event may reach the consumer before its 201 reaches the client: counted as 0 ms.
            var latencies = answered.Where(a => received.ContainsKey(a.Key))
                .Select(a => Math.Max(0, Stopwatch.GetElapsedTime(a.Value, received[a.Key]).TotalMilliseconds)).ToList();
            var result = LoadResult.From(latencies, answered.Count - latencies.Count, seconds);
            return $"From the 201 to the consumer at {rate:0} payments/s (half the measured rate, open loop, {seconds} s): " +
                $"{latencies.Count} of {answered.Count} delivered ({load.Failed} POSTs failed), " +
                $"p50 {result.P50:0} ms, p99 {result.P99:0} ms.";
        }

        private async Task<bool> SendAsync(string path, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await _http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.Created;
        }
    }
}
