using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using static FundLedger.Benchmarks.BenchLog;

namespace FundLedger.Benchmarks;

/// <summary>
/// One run, every phase against the same PostgreSQL on this machine: the service through HTTP on loopback (wrk) and the
/// raw equivalent (pgbench, or Npgsql's binary COPY), each pair measured back to back with the same number of clients.
/// </summary>
public sealed class Bench(BenchOptions options, NpgsqlDataSource db, ServiceUnderTest service, HttpClient http, LoadTools tools)
{
    private const int BatchSize = 1_000;
    private const int Dashboards = 8;
    /// <summary>Dashboard reads per second in the mixed phase: 100 dashboards refreshing every second.</summary>
    private const double DashboardReads = 100;
    private readonly RawPostgres _raw = new(db);
    private readonly string _base = $"/api/v1/districts/{BenchOptions.District}/years/{BenchOptions.Year}";
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss");
    private long _loaded;

    public static async Task<BenchReport> RunAsync(BenchOptions options, string serverConnection, string? published = null)
    {
        await using var database = await BenchDatabase.CreateAsync(serverConnection, "fundledger_bench", maxPoolSize: 100);
        var connection = database.ConnectionString;
        await using var db = NpgsqlDataSource.Create(connection);
        await using var service = await ServiceUnderTest.StartAsync(connection, published: published);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.Token(BenchOptions.District));
        return await new Bench(options, db, service, http, LoadTools.For(connection)).RunAsync(connection);
    }

    private async Task<BenchReport> RunAsync(string connection)
    {
        var report = new BenchReport
        {
            Smoke = options.Smoke, Machine = Machine.Describe(), Clients = options.Clients, PhaseSeconds = options.Phase.TotalSeconds,
        };
        if (options.VerifyFreshOnly)
        {
            report.VerifyFresh = await VerifyFreshAsync();
            report.Events = report.VerifyFresh.Links;
            return report;
        }
        await _raw.CreateAsync();
        if (options.Gate) return await GateAsync(report, connection);
        Log($"enacting {options.Appropriations} appropriations");
        var enact = await Load.ClosedCountAsync(options.Clients, options.Appropriations,
            n => Send(HttpMethod.Post, "/appropriations", EnactBody(n)));
        Check(enact.Failed == 0, "every appropriation was enacted");
        Log("warming up the service (JIT) with a phase of posts that is not reported");
        await PostAsync("W", options.Clients, options.Appropriations);

        Log($"{options.Clients} clients: raw insert (pgbench), then POST (wrk)");
        report.RawInsert = await RawInsertAsync(options.Clients);
        report.Post = await PostAsync("P", options.Clients, options.Appropriations);
        Log($"{options.ManyClients} clients");
        report.RawInsertMany = await RawInsertAsync(options.ManyClients);
        report.PostMany = await PostAsync("M", options.ManyClients, options.Appropriations);
        Log($"{options.Clients} clients on one hot appropriation");
        report.RawInsertHot = await RawInsertAsync(options.Clients);
        report.PostHot = await PostAsync("H", options.Clients, 1);

        Log("latency at 50% of the post maximum, open loop");
        report.PostAtHalfLoad = await Load.OpenAsync(report.Post.PerSecond / 2, options.Phase, n => Disburse($"L{_run}-{n}", n));

        Log($"dashboards reading execution by section ({DashboardReads}/s) while clients post at 50% of the maximum");
        (report.MixedPost, report.MixedRead) = await MixedAsync(report.Post.PerSecond / 2);

        Log("batch vs COPY");
        var batchWorkers = 4;
        var batch = await Load.ClosedAsync(batchWorkers, options.Phase, n => Batch($"B{_run}-{n}", BatchSize));
        report.Batch = batch with { Completed = batch.Completed * BatchSize };
        var copy = await Load.ClosedAsync(batchWorkers, options.Phase,
            async n => { await _raw.CopyAsync(n * BatchSize, BatchSize); return true; });
        report.RawCopy = copy with { Completed = copy.Completed * BatchSize };

        foreach (var checkpoint in options.Checkpoints)
        {
            await LoadUntilAsync(checkpoint);
            Log($"growth at {checkpoint} disbursements");
            var post = await PostAsync($"G{checkpoint}", options.Clients, options.Appropriations);
            var read = await tools.WrkAsync(service.Url, "get", Dashboards, options.Phase, $"{_base}/execution?by=function-section", Token);
            report.Growth.Add(new GrowthPoint(await DisbursementsAsync(), post.PerSecond, read.P99, read.PerSecond));
        }

        Log("reads over the full dataset, service (wrk) vs raw SQL (pgbench)");
        report.ReadBySection =
            await tools.WrkAsync(service.Url, "get", options.Clients, options.Phase, $"{_base}/execution?by=function-section", Token);
        report.RawReadBySection = await tools.PgbenchAsync("raw-read-section.sql", options.Clients, options.Phase);
        report.ReadAppropriation = await tools.WrkAsync(service.Url, "get", options.Clients, options.Phase, $"{_base}/appropriations/A%05d",
            Token, options.Appropriations.ToString());
        report.RawReadAppropriation =
            await tools.PgbenchAsync("raw-read-appropriation.sql", options.Clients, options.Phase, ("lines", options.Appropriations));

        Log("audit verification of the whole ledger");
        report.Verify = await VerifyAsync(BenchOptions.District);
        report.VerifyFresh = await VerifyFreshAsync();
        report.PeakRssMb = service.PeakRssMb();

        Log("full projection rebuild");
        report.Rebuild = await RebuildAsync(connection);
        report.Disbursements = await DisbursementsAsync();
        report.Events = report.Rebuild.Events;
        return report;
    }

    /// <summary>
    /// The gate's phases only (<c>--gate</c>): POST at 16 and at 64 clients and on one hot appropriation (each after its raw
    /// insert), the batch against COPY, and the rebuild of what those wrote.
    /// </summary>
    private async Task<BenchReport> GateAsync(BenchReport report, string connection)
    {
        Log($"enacting {options.Appropriations} appropriations");
        var enact = await Load.ClosedCountAsync(options.Clients, options.Appropriations,
            n => Send(HttpMethod.Post, "/appropriations", EnactBody(n)));
        Check(enact.Failed == 0, "every appropriation was enacted");
        await PostAsync("W", options.Clients, options.Appropriations);
        report.RawInsert = await RawInsertAsync(options.Clients);
        report.Post = await PostAsync("P", options.Clients, options.Appropriations);
        report.RawInsertMany = await RawInsertAsync(options.ManyClients);
        report.PostMany = await PostAsync("M", options.ManyClients, options.Appropriations);
        report.RawInsertHot = await RawInsertAsync(options.Clients);
        report.PostHot = await PostAsync("H", options.Clients, 1);
        var batch = await Load.ClosedAsync(4, options.Phase, n => Batch($"B{_run}-{n}", BatchSize));
        report.Batch = batch with { Completed = batch.Completed * BatchSize };
        var copy = await Load.ClosedAsync(4, options.Phase, async n => { await _raw.CopyAsync(n * BatchSize, BatchSize); return true; });
        report.RawCopy = copy with { Completed = copy.Completed * BatchSize };
        report.PeakRssMb = service.PeakRssMb();
        Log("full projection rebuild");
        report.Rebuild = await RebuildAsync(connection);
        report.Events = report.Rebuild.Events;
        return report;
    }

    private string Token => service.Token(BenchOptions.District);

    private Task<LoadResult> RawInsertAsync(int clients) =>
        tools.PgbenchAsync("raw-insert.sql", clients, options.Phase,
            ("n", 0), ("run", Environment.TickCount64), ("lines", options.Appropriations));

    private Task<LoadResult> PostAsync(string prefix, int clients, int lines) =>
        tools.WrkAsync(service.Url, "post", clients, options.Phase, _base, Token, $"{prefix}{_run}", lines.ToString());

    /// <summary>
    /// Finance systems posting at half the measured maximum while dashboards poll execution by section, both open loop
    /// (a dashboard refreshes on its own clock, whatever the service is doing), latencies counted from when each was due.
    /// </summary>
    private async Task<(LoadResult Post, LoadResult Read)> MixedAsync(double postRate)
    {
        var post = Load.OpenAsync(postRate, options.Phase, n => Disburse($"X{_run}-{n}", n));
        var read = Load.OpenAsync(DashboardReads, options.Phase, _ => Get("/execution?by=function-section"));
        return (await post, await read);
    }

    private async Task<bool> Get(string path)
    {
        using var response = await http.GetAsync(_base + path);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    /// <summary>Fills the ledger through the batch endpoint, as a finance system's bulk import would.</summary>
    private async Task LoadUntilAsync(long target)
    {
        var missing = target - await DisbursementsAsync();
        if (missing <= 0) return;
        Log($"loading {missing} disbursements through the batch endpoint");
        var batches = (int)Math.Ceiling(missing / (double)BatchSize);
        var result = await Load.ClosedCountAsync(4, batches, n => Batch($"D{Interlocked.Increment(ref _loaded)}", BatchSize));
        Check(result.Failed == 0, "every load batch was recorded");
    }

    private async Task<long> DisbursementsAsync()
    {
        var table = await MartenEraAsync() ? "fundledger.mt_doc_disbursement" : "fundledger.disbursements";
        await using var c = db.CreateCommand($"select count(*) from {table}");
        return (long)(await c.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Whether the service measured keeps its ledger in Marten's tables (a release before FundLedger owned its event store,
    /// measured by the gate against this one).
    /// </summary>
    private async Task<bool> MartenEraAsync()
    {
        await using var c = db.CreateCommand(
            "select to_regclass('fundledger.events') is null and to_regclass('fundledger.mt_events') is not null");
        return (bool)(await c.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// An auditor verifying a district right after its bulk load: the planner's statistics have never seen the district
    /// (autovacuum is held off the event tables while it is written), the case that used to make verify quadratic.
    /// </summary>
    private async Task<VerifyResult> VerifyFreshAsync()
    {
        var tables = await MartenEraAsync()
            ? "fundledger.mt_events, fundledger.event_chain, fundledger.mt_streams"
            : "fundledger.events, fundledger.event_chain, fundledger.streams";
        foreach (var table in tables.Split(", "))
            await db.CreateCommand($"alter table {table} set (autovacuum_enabled = false)").ExecuteNonQueryAsync();
        try
        {
            var fresh = $"/api/v1/districts/{BenchOptions.FreshDistrict}/years/{BenchOptions.Year}";
            Log($"writing {options.FreshEvents} events into a fresh district, {BenchOptions.FreshDistrict}");
            var lines = Math.Min(options.Appropriations, 1_000);
            var enacted = await Load.ClosedCountAsync(options.Clients, lines,
                n => Send(HttpMethod.Post, "/appropriations", EnactBody(n), district: BenchOptions.FreshDistrict));
            Check(enacted.Failed == 0, "every appropriation of the fresh district was enacted");
            var batches = (int)Math.Ceiling((options.FreshEvents - lines) / (double)BatchSize);
            var loaded = await Load.ClosedCountAsync(4, batches,
                n => Send(HttpMethod.Post, "/disbursements:batch", BatchBody($"F{n}", BatchSize, lines),
                    expectAll: BatchSize, district: BenchOptions.FreshDistrict));
            Check(loaded.Failed == 0, "every batch of the fresh district was recorded");
            Log($"verifying the fresh district ({fresh})");
            var verified = await VerifyAsync(BenchOptions.FreshDistrict);
            Log($"verified {verified.Links} links in {verified.Seconds:F1} s: {(verified.Ok ? "ok" : "NOT OK")}");
            return verified;
        }
        finally
        {
            foreach (var table in tables.Split(", "))
                await db.CreateCommand($"alter table {table} reset (autovacuum_enabled)").ExecuteNonQueryAsync();
        }
    }

    private async Task<VerifyResult> VerifyAsync(string district)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/districts/{district}/audit/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.Token(district));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Check(response.IsSuccessStatusCode, $"verify answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new VerifyResult(
            root.GetProperty("ok").GetBoolean(), root.GetProperty("chain").GetProperty("links").GetInt64(), clock.Elapsed.TotalSeconds);
    }

    private async Task<RebuildResult> RebuildAsync(string connection)
    {
        var start = new ProcessStartInfo("dotnet", [service.Dll, "rebuild"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__FundLedger"] = connection, ["Auth__SigningKey"] = service.Auth.SigningKey,
                ["FundLedger__CodeGeneration"] = service.Dll == ServiceUnderTest.ApiDll ? ServiceUnderTest.CodeGeneration : "Static",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        while (!process.WaitForExit(200)) peak = Math.Max(peak, ServiceUnderTest.PeakRssKb(process.Id) ?? peak);
        Check(process.ExitCode == 0, $"rebuild exited 0 ({(await error).Trim()})");
        var fields = (await output).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => f.Contains('=')).ToDictionary(f => f.Split('=')[0], f => double.Parse(f.Split('=')[1]));
        return new RebuildResult((long)fields["events"], fields["seconds"], fields["events_per_second"], peak / 1024.0);
    }

    private static string EnactBody(long n) => $$"""
        {"code":"A{{n:D5}}","name":"Line {{n}}","department":{"code":"D{{n % 40:D3}}","name":"Department {{n % 40}}"},
         "kind":"project","functionClass":"2{{n % 13 + 1:D2}}{{n % 7 + 1:D2}}{{n % 5 + 1:D2}}","fundSource":"general-budget",
         "originalAmount":"100000000.00","enactedOn":"2020-01-01"}
        """;

    private static string DisbursementBody(string voucher) => $$"""
        {"voucherNo":"{{voucher}}","amount":"1.00","paidOn":"2020-05-20",
        "costItem":"印刷费","payee":"北京某印刷有限公司"}
        """;

    private Task<bool> Disburse(string voucher, long n) =>
        Send(HttpMethod.Post, $"/appropriations/A{n % options.Appropriations:D5}/disbursements", DisbursementBody(voucher));

    private Task<bool> Batch(string prefix, int size) =>
        Send(HttpMethod.Post, "/disbursements:batch", BatchBody(prefix, size, options.Appropriations), expectAll: size);

    private static string BatchBody(string prefix, int size, int lines)
    {
        var items = new StringBuilder("{\"items\":[");
        for (var i = 0; i < size; i++)
        {
            if (i > 0) items.Append(',');
            var body = DisbursementBody($"{prefix}-{i}");
            // Spread over every appropriation, so the load is many lines of a district-year, not one hot line.
            var line = (uint)(prefix.GetHashCode() + i * 7919) % lines;
            items.Append(body[..^1]).Append($",\"appropriationCode\":\"A{line:D5}\"}}");
        }
        return items.Append("]}").ToString();
    }

    private async Task<bool> Send(HttpMethod method, string path, string body, int expectAll = 0, string? district = null)
    {
        var root = district is null ? _base : $"/api/v1/districts/{district}/years/{BenchOptions.Year}";
        using var request =
            new HttpRequestMessage(method, root + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (district is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.Token(district));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{method} {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
            return false;
        }
        return expectAll == 0 || text.Contains($"\"recorded\":{expectAll},");
    }

}
