using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using static FundLedger.Benchmarks.BenchLog;

namespace FundLedger.Benchmarks;

/// <summary>
/// <c>--final-accounts</c>: the nine tables of one unit's year at the issue's size, 10,000 lines of one department and
/// 1,000,000 disbursements on them, read from the line cache: JSON, markdown, the XLSX workbook and the 审核 checks, each by
/// 4 clients (wrk), against the SQL that sums the same projected documents (pgbench). Target: p99 under 200 ms.
/// </summary>
public static class AccountsBench
{
    public const string District = "110108";
    private const string Department = "D001";
    private const int BatchSize = 1_000;
    private const int Readers = 4;
    private const double PaymentsWhileReading = 10;
    private static readonly string Base = $"/api/v1/districts/{District}/years/{BenchOptions.Year}";

    public sealed record Sizes(int Lines, long Disbursements);

    public sealed record Result(Sizes Sizes, string Machine, double LoadSeconds, IReadOnlyList<(string Read, LoadResult Load)> Reads);

    public static async Task<Result> RunAsync(BenchOptions options, string serverConnection)
    {
        await using var database = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench_accounts");
        await using var service = await ServiceUnderTest.StartAsync(database.ConnectionString);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(10),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.Token(District));
        var sizes = options.Smoke ? new Sizes(40, 2_000) : new Sizes(10_000, 1_000_000);
        // FUNDLEDGER_BENCH_ACCOUNTS=lines,disbursements: another size, for looking into a regression.
        if (Environment.GetEnvironmentVariable("FUNDLEDGER_BENCH_ACCOUNTS")?.Split(',') is [var l, var d])
            sizes = new Sizes(int.Parse(l, CultureInfo.InvariantCulture), long.Parse(d, CultureInfo.InvariantCulture));
        return await MeasureAsync(http, service, LoadTools.For(database.ConnectionString), sizes, options.Phase);
    }

    private static async Task<Result> MeasureAsync(HttpClient http, ServiceUnderTest service, LoadTools tools, Sizes sizes,
        TimeSpan phase)
    {
        Log($"enacting {sizes.Lines} lines of one department");
        var enacted = await Load.ClosedCountAsync(16, sizes.Lines, n => SendAsync(http, "/appropriations", EnactBody(n)));
        Check(enacted.Failed == 0, "every line was enacted");
        Log($"loading {sizes.Disbursements} disbursements through the batch endpoint");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var batches = (int)Math.Ceiling(sizes.Disbursements / (double)BatchSize);
        var loaded = await Load.ClosedCountAsync(4, batches, n => SendAsync(http, "/disbursements:batch", BatchBody(n, sizes.Lines)));
        Check(loaded.Failed == 0, "every batch was recorded");
        var loadSeconds = clock.Elapsed.TotalSeconds;

        var token = service.Token(District);
        var reads = new List<(string, LoadResult)>();
        foreach (var (name, path) in new[]
                 {
                     ("final-accounts (JSON)", $"{Base}/final-accounts?department={Department}"),
                     ("final-accounts (markdown)", $"{Base}/final-accounts?department={Department}&format=markdown"),
                     ("final-accounts (XLSX)", $"{Base}/final-accounts?department={Department}&format=xlsx"),
                     ("final-accounts/checks", $"{Base}/final-accounts/checks?department={Department}"),
                 })
        {
            // One read first, so the line cache is filled before the measured phase (the issue's "from the line cache").
            Check((await http.GetAsync(path)).IsSuccessStatusCode, $"{name} answered");
            Log($"{name}: {Readers} clients");
            reads.Add((name, await tools.WrkAsync(service.Url, "get", Readers, phase, path, token)));
        }
        // Dashboards during the day: every payment starts a new snapshot, so the reads after it build the tables again (once
        // for all readers waiting on the same snapshot).
        var json = $"{Base}/final-accounts?department={Department}";
        Log($"final-accounts (JSON) while payments arrive at {PaymentsWhileReading}/s");
        var paying = Load.OpenAsync(PaymentsWhileReading, phase, n => SendAsync(http,
            $"/appropriations/A{n % sizes.Lines:D5}/disbursements",
            $$"""{"voucherNo":"FA-LIVE-{{n}}","amount":"1.00","paidOn":"2020-06-30","costItem":"印刷费"}"""));
        var during = await tools.WrkAsync(service.Url, "get", Readers, phase, json, token);
        Check((await paying).Failed == 0, "every payment made while reading was recorded");
        reads.Add(($"final-accounts (JSON), {PaymentsWhileReading} payments/s arriving", during));
        reads.Add(("raw SQL: the same sums from the documents (pgbench)",
            await tools.PgbenchAsync("raw-read-accounts.sql", Readers, phase)));
        return new Result(sizes, Machine.Describe(), loadSeconds, reads);
    }

    public static string Markdown(Result result, bool smoke)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Machine: {result.Machine}.");
        s.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"One unit-year of {result.Sizes.Lines:N0} lines and {result.Sizes.Disbursements:N0} disbursements ") +
            string.Create(CultureInfo.InvariantCulture,
                $"(loaded through the batch endpoint in {result.LoadSeconds:F0} s); {Readers} clients each, after one read ") +
            "that fills the line cache. Target: p99 < 200 ms.");
        s.AppendLine();
        s.AppendLine("| read | requests/s | p50 (ms) | p99 (ms) | failed | p99 < 200 ms |");
        s.AppendLine("|---|---|---|---|---|---|");
        foreach (var (read, load) in result.Reads)
        {
            // pgbench reports an average latency only, in the p50 column; its p99 is not known.
            var raw = load.P99 == 0;
            var p99 = raw ? "–" : load.P99.ToString("F1", CultureInfo.InvariantCulture);
            var met = raw ? "–" : load.P99 < 200 ? "yes" : "**no**";
            s.AppendLine(CultureInfo.InvariantCulture, $"| {read} | {load.PerSecond:N0} | {load.P50:F1} | {p99} | {load.Failed} | {met} |");
        }
        if (smoke) s.AppendLine().AppendLine("(smoke sizes: the figures say nothing about speed)");
        return s.ToString();
    }

    // A unit's year as a bureau enacts it: a third basic lines on the personnel and running-cost classes, the rest projects;
    // most on the general budget, some on the government fund and on the unit's own income.
    private static string EnactBody(long n)
    {
        var basic = n % 3 == 0;
        var economic = basic ? new[] { "30101", "30102", "30201", "30211", "30301" }[n % 5] : new[] { "30227", "31002" }[n % 2];
        var source = (n % 10) switch { 7 => "government-fund", 9 => "other", _ => "general-budget" };
        var function = source == "government-fund" ? "2120899" : $"2{n % 13 + 1:D2}{n % 7 + 1:D2}{n % 5 + 1:D2}";
        return $$"""
            {"code":"A{{n:D5}}","name":"Line {{n}}","department":{"code":"{{Department}}","name":"Department one"},
             "kind":"{{(basic ? "basic" : "project")}}","functionClass":"{{function}}","economicClass":"{{economic}}",
             "fundSource":"{{source}}","originalAmount":"100000000.00","enactedOn":"2020-01-01"}
            """;
    }

    private static string BatchBody(long batch, int lines)
    {
        var items = new StringBuilder("{\"items\":[");
        for (var i = 0; i < BatchSize; i++)
        {
            if (i > 0) items.Append(',');
            var line = (batch * BatchSize + i) * 7919 % lines;
            items.Append(CultureInfo.InvariantCulture,
                $"{{\"voucherNo\":\"FA-{batch}-{i}\",\"amount\":\"1.00\",\"paidOn\":\"2020-05-20\",\"costItem\":\"印刷费\"," +
                $"\"payee\":\"北京某印刷有限公司\",\"appropriationCode\":\"A{line:D5}\"}}");
        }
        return items.Append("]}").ToString();
    }

    private static async Task<bool> SendAsync(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(Base + path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return true;
        Console.Error.WriteLine($"POST {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        return false;
    }

}
