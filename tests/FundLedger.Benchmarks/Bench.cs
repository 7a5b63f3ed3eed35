using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;

namespace FundLedger.Benchmarks;

/// <summary>
/// One run, every phase against the same PostgreSQL on this machine: the service through HTTP on loopback and the
/// raw equivalent through Npgsql, so each ratio compares like with like at the same moment.
/// </summary>
public sealed class Bench(BenchOptions options, NpgsqlDataSource db, ServiceUnderTest service, HttpClient http)
{
    private const int BatchSize = 1_000;
    private readonly RawPostgres _raw = new(db);
    private readonly string _base = $"/api/v1/districts/{BenchOptions.District}/years/{BenchOptions.Year}";
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss");
    private long _loaded;

    public static async Task<BenchReport> RunAsync(BenchOptions options, string serverConnection)
    {
        var database = $"fundledger_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"create database {database}", admin).ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(serverConnection) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        try
        {
            await using var db = NpgsqlDataSource.Create(connection);
            await using var service = await ServiceUnderTest.StartAsync(connection);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(service.Url), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.Token(BenchOptions.District));
            return await new Bench(options, db, service, http).RunAsync(connection);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(serverConnection);
            await admin.OpenAsync();
            await new NpgsqlCommand($"drop database if exists {database} with (force)", admin).ExecuteNonQueryAsync();
        }
    }

    private async Task<BenchReport> RunAsync(string connection)
    {
        var report = new BenchReport { Smoke = options.Smoke, Machine = Machine.Describe(), Clients = options.Clients, PhaseSeconds = options.Phase.TotalSeconds };
        await _raw.CreateAsync();
        Log($"enacting {options.Appropriations} appropriations");
        var enact = await Load.ClosedCountAsync(options.Clients, options.Appropriations, n => Send(HttpMethod.Post, "/appropriations", EnactBody(n)));
        Check(enact.Failed == 0, "every appropriation was enacted");

        Log("raw-insert vs post");
        report.RawInsert = await Load.ClosedAsync(options.Clients, options.Phase, _raw.InsertOneAsync);
        report.Post = await Load.ClosedAsync(options.Clients, options.Phase, n => Disburse($"P{_run}-{n}", n));
        Log("latency at 50% of the post maximum, open loop");
        report.PostAtHalfLoad = await Load.OpenAsync(report.Post.PerSecond / 2, options.Phase, n => Disburse($"L{_run}-{n}", n));

        Log("batch vs COPY");
        var batchWorkers = 4;
        var batch = await Load.ClosedAsync(batchWorkers, options.Phase, n => Batch($"B{_run}-{n}", BatchSize));
        report.Batch = batch with { Completed = batch.Completed * BatchSize };
        var copy = await Load.ClosedAsync(batchWorkers, options.Phase, async n => { await _raw.CopyAsync(n * BatchSize, BatchSize); return true; });
        report.RawCopy = copy with { Completed = copy.Completed * BatchSize };

        foreach (var checkpoint in options.Checkpoints)
        {
            await LoadUntilAsync(checkpoint);
            Log($"growth at {checkpoint} disbursements");
            var post = await Load.ClosedAsync(options.Clients, options.Phase, n => Disburse($"G{checkpoint}-{n}", n));
            var read = await Load.ClosedAsync(options.Clients, options.Phase, _ => Get("/execution?by=function-section"));
            report.Growth.Add(new GrowthPoint(await DisbursementsAsync(), post.PerSecond, read.P99, read.PerSecond));
        }

        Log("reads over the full dataset, service vs raw SQL");
        report.ReadBySection = await Load.ClosedAsync(options.Clients, options.Phase, _ => Get("/execution?by=function-section"));
        report.RawReadBySection = await Load.ClosedAsync(options.Clients, options.Phase, _ => _raw.ExecutionBySectionAsync(BenchOptions.District, BenchOptions.Year));
        report.ReadAppropriation = await Load.ClosedAsync(options.Clients, options.Phase, n => Get($"/appropriations/A{n % options.Appropriations:D5}"));
        report.RawReadAppropriation = await Load.ClosedAsync(options.Clients, options.Phase,
            n => _raw.AppropriationAsync(BenchOptions.District, $"{BenchOptions.Year}/A{n % options.Appropriations:D5}"));
        report.PeakRssMb = service.PeakRssMb();

        Log("full projection rebuild");
        report.Rebuild = await RebuildAsync(connection);
        report.Disbursements = await DisbursementsAsync();
        report.Events = report.Rebuild.Events;
        return report;
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
        await using var c = db.CreateCommand("select count(*) from fundledger.mt_doc_disbursement");
        return (long)(await c.ExecuteScalarAsync())!;
    }

    private async Task<RebuildResult> RebuildAsync(string connection)
    {
        var start = new ProcessStartInfo("dotnet", [ServiceUnderTest.ApiDll, "rebuild"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["ConnectionStrings__FundLedger"] = connection, ["Auth__SigningKey"] = service.Auth.SigningKey },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Check(process.ExitCode == 0, $"rebuild exited 0 ({error.Trim()})");
        var fields = output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(f => f.Contains('=')).ToDictionary(f => f.Split('=')[0], f => double.Parse(f.Split('=')[1]));
        return new RebuildResult((long)fields["events"], fields["seconds"], fields["events_per_second"]);
    }

    private static string EnactBody(long n) => $$"""
        {"code":"A{{n:D5}}","name":"Line {{n}}","department":{"code":"D{{n % 40:D3}}","name":"Department {{n % 40}}"},
         "kind":"project","functionClass":"2{{n % 13 + 1:D2}}{{n % 7 + 1:D2}}{{n % 5 + 1:D2}}","fundSource":"general-budget",
         "originalAmount":"100000000.00","enactedOn":"2020-01-01"}
        """;

    private static string DisbursementBody(string voucher) =>
        $$"""{"voucherNo":"{{voucher}}","amount":"1.00","paidOn":"2020-05-20","costItem":"印刷费","payee":"北京某印刷有限公司"}""";

    private Task<bool> Disburse(string voucher, long n) =>
        Send(HttpMethod.Post, $"/appropriations/A{n % options.Appropriations:D5}/disbursements", DisbursementBody(voucher));

    private Task<bool> Batch(string prefix, int size)
    {
        var items = new StringBuilder("{\"items\":[");
        for (var i = 0; i < size; i++)
        {
            if (i > 0) items.Append(',');
            var body = DisbursementBody($"{prefix}-{i}");
            // Spread over every appropriation, so the load is many lines of a district-year, not one hot line.
            var line = (uint)(prefix.GetHashCode() + i * 7919) % options.Appropriations;
            items.Append(body[..^1]).Append($",\"appropriationCode\":\"A{line:D5}\"}}");
        }
        return Send(HttpMethod.Post, "/disbursements:batch", items.Append("]}").ToString(), expectAll: size);
    }

    private async Task<bool> Get(string path)
    {
        using var response = await http.GetAsync(_base + path);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private async Task<bool> Send(HttpMethod method, string path, string body, int expectAll = 0)
    {
        using var request = new HttpRequestMessage(method, _base + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) { Console.Error.WriteLine($"{method} {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}"); return false; }
        return expectAll == 0 || text.Contains($"\"recorded\":{expectAll},");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"benchmark precondition failed: {what}");
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
