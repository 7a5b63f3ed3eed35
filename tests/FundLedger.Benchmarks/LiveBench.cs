using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace FundLedger.Benchmarks;

/// <summary>
/// <c>--live</c>: live streams at the replica's bound. 500 streams (50 tokens, 10 each) are opened against a service whose
/// bound is 500, 20 more are refused; then the latency of the requests that must keep answering (<c>/health/live</c>, one
/// appropriation) is measured with no stream open, with the 500 idle, and while payments wake them 10 times a second; with
/// the delivery latency from a payment's 201 to each stream, and the database transactions per second of the district's
/// database while the streams are idle (each live tail read is one). 500 streams once stopped the service for minutes.
/// </summary>
public static class LiveBench
{
    private const int Bound = 500;
    private const int Tokens = 50;
    private const int Refused = 20;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(BenchOptions options, string serverConnection)
    {
        await using var database = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench_live");
        await using var service = await ServiceUnderTest.StartAsync(database.ConnectionString, new Dictionary<string, string>
        {
            ["FundLedger__Live__MaxStreams"] = Bound.ToString(CultureInfo.InvariantCulture),
        });
        return await MeasureAsync(service, database.ConnectionString, options.Smoke ? TimeSpan.FromSeconds(2) : Phase);
    }

    private static async Task<string> MeasureAsync(ServiceUnderTest service, string connection, TimeSpan phase)
    {
        const string district = BenchOptions.District;
        var path = $"/api/v1/districts/{district}/years/{BenchOptions.Year}";
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2_000 })
        {
            BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(2),
        };
        var writer = service.Token(district);
        await SendAsync(http, writer, HttpMethod.Post, $"{path}/appropriations", """
            {"code":"LIVE","name":"实时","department":{"code":"D1","name":"D1"},"kind":"project","functionClass":"2070899",
             "fundSource":"general-budget","originalAmount":"100000000.00","enactedOn":"2020-01-01"}
            """);

        async Task<(LoadResult Health, LoadResult Read)> ReadsAsync() => (
            await Load.ClosedAsync(4, phase, async _ => (await http.GetAsync("/health/live")).IsSuccessStatusCode),
            await Load.ClosedAsync(4, phase, async _ =>
                (await SendAsync(http, writer, HttpMethod.Get, $"{path}/appropriations/LIVE", null)).StatusCode == HttpStatusCode.OK));

        var none = await ReadsAsync();
        var quietNone = await QuietRateAsync(connection, phase);

        // The bound: 10 streams for each of 50 tokens, then 20 more that must be refused.
        var tokens = Enumerable.Range(0, Tokens).Select(i => service.Token(district, $"viewer-{i}")).ToList();
        var delivered = new ConcurrentBag<(string Amount, long Ticks)>();
        using var stop = new CancellationTokenSource();
        var streams = new List<Task>();
        var opened = 0;
        for (var i = 0; i < Bound; i++)
        {
            var response = await OpenAsync(http, district, tokens[i % Tokens]);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"stream {i} answered {response.StatusCode}");
            opened++;
            streams.Add(FollowAsync(response, delivered, stop.Token));
        }
        var refusals = new List<HttpStatusCode>();
        for (var i = 0; i < Refused; i++)
        {
            using var response = await OpenAsync(http, district, service.Token(district, $"late-{i}"));
            refusals.Add(response.StatusCode);
        }

        var idleRate = await QuietRateAsync(connection, phase);
        var idle = await ReadsAsync();

        // Payments at 10 a second wake every stream while the reads are measured again.
        // Each payment's amount is its own (1.00 + n/100), so its event is known on every stream by the amount it carries.
        var paid = new ConcurrentDictionary<string, long>();
        var payments = Load.OpenAsync(10, phase * 2, async n =>
        {
            var amount = (1m + n / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var answer = await SendAsync(http, writer, HttpMethod.Post, $"{path}/appropriations/LIVE/disbursements",
                $$"""{"voucherNo":"LIVE-{{n}}","amount":"{{amount}}","paidOn":"2020-05-20"}""");
            paid[amount] = Stopwatch.GetTimestamp();
            return answer.StatusCode == HttpStatusCode.Created;
        });
        var woken = await ReadsAsync();
        var writes = await payments;
        var expected = (long)writes.Completed * opened;
        var deadline = Stopwatch.StartNew();
        while (delivered.Count < expected && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);   // draining, not timing
        await stop.CancelAsync();
        // A stream may see an event before its POST has returned (the 201 and the event race): counted as 0 ms.
        var latencies = delivered.Where(d => paid.ContainsKey(d.Amount))
            .Select(d => Math.Max(0, Stopwatch.GetElapsedTime(paid[d.Amount], d.Ticks).TotalMilliseconds)).ToList();
        var delivery = LoadResult.From(latencies, expected - latencies.Count, 0);

        var md = new StringBuilder();
        md.AppendLine($"# Live streams at the bound ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Machine.Describe()})").AppendLine();
        md.AppendLine($"Bound {Bound} streams a replica (10 a token); {opened} open, {Refused} more asked: " +
            $"{string.Join(", ", refusals.GroupBy(s => s).Select(g => $"{g.Count()} × {(int)g.Key}"))}.").AppendLine();
        md.AppendLine("| while | /health/live p50 / p99 (ms) | GET appropriation p50 / p99 (ms) | reads/s (4 clients each) |");
        md.AppendLine("|---|---|---|---|");
        foreach (var (name, (health, read)) in new[] { ("no stream open", none), ($"{opened} streams idle", idle),
                     ($"{opened} streams woken 10×/s", woken) })
            md.AppendLine($"| {name} | {health.P50:0.0} / {health.P99:0.0} | {read.P50:0.0} / {read.P99:0.0} | " +
                $"{health.PerSecond:0} / {read.PerSecond:0} |");
        md.AppendLine();
        md.AppendLine($"- Payments: {writes.Completed} recorded at 10/s ({writes.Failed} failed); delivered to the {opened} streams: " +
            $"{latencies.Count} of {expected} within 30 s, from the 201 to the stream p50 {delivery.P50:0} ms, p99 {delivery.P99:0} ms.");
        md.AppendLine($"- The district's database, nothing asked of the service: {quietNone:0.0} transactions/s with no stream " +
            $"open (the service's own background work), {idleRate:0.0} with {opened} streams open (their one tail reads once a second).");
        return md.ToString();
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient http, string district, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/districts/{district}/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Reads a stream until told to stop, noting when each payment's event arrived.</summary>
    private static async Task FollowAsync(HttpResponseMessage response, ConcurrentBag<(string, long)> delivered, CancellationToken ct)
    {
        using var _ = response;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        try
        {
            while (await reader.ReadLineAsync(ct) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("disbursement_recorded"))
                {
                    var amount = JsonDocument.Parse(line[6..]).RootElement.GetProperty("amount").GetDecimal();
                    delivered.Add((amount.ToString("0.00", CultureInfo.InvariantCulture), Stopwatch.GetTimestamp()));
                }
        }
        catch (OperationCanceledException) { }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>
    /// Transactions per second of the database while nothing is asked of the service. PostgreSQL 15 counts an idle
    /// backend's transactions up to 10 s late, so the window starts after the reads before it have been counted.
    /// </summary>
    private static async Task<double> QuietRateAsync(string connection, TimeSpan window)
    {
        await Task.Delay(TimeSpan.FromSeconds(11));   // PGSTAT_IDLE_INTERVAL, for the counts to settle
        var before = await TransactionsAsync(connection);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);   // the window measured
        return (await TransactionsAsync(connection) - before - 1) / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> TransactionsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
