using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Operations;

/// <summary>
/// An upgrade in place, as an operator does it: a database an earlier release wrote (the Fengtai samples, through its
/// HTTP API) is migrated by this release's <c>migrate</c> and served by this release with no DDL of its own. Then the
/// audit verifies, every request the earlier release recorded replays byte for byte, and every <c>asOf</c> read
/// answers what the earlier release answered. Both earlier releases kept the ledger in Marten's tables; this one moves
/// it into its own (Store/FormerTablesMigration).
/// </summary>
public sealed class UpgradeInPlaceTests
{
    /// <summary>
    /// 88521d1: the last commit before the request fingerprint moved to the wire form (its claims carry the old hash);
    /// dfcb7d6: the last commit before FundLedger owned its event store (Marten 9.58 pinned, the commit-order procedure).
    /// </summary>
    public static readonly TheoryData<string> EarlierReleases = new("88521d1", "dfcb7d6");

    private static readonly string[] Reads =
    [
        "/years", "/years/2020/appropriations?limit=500", "/years/2020/execution?by=function-section", "/years/2020/variance",
        "/years/2020/appropriations/P01/events", "/years/2021/appropriations?limit=500", "/years/2020/year-over-year",
    ];

    [Theory]
    [MemberData(nameof(EarlierReleases))]
    public async Task A_ledger_an_earlier_release_wrote_is_migrated_then_verifies_replays_and_reads_as_it_did(string release)
    {
        Recorded? before = null;
        string district = "";
        LedgerApp? app = null;
        app = LedgerApp.With(new Dictionary<string, string> { ["FundLedger:ApplySchemaOnStartup"] = "false" }, async connection =>
        {
            district = app!.NewDistrict();
            var auth = app.Auth;
            await using (var previous = await PreviousService.StartAsync(release, connection, auth.SigningKey!, auth.Issuer, auth.Audience))
            {
                using var http = previous.Client(app.Token(district));
                before = await RecordAsync(http, district, previous.SamplesFolder);
            }
            var events = await CountAsync(connection, "fundledger.mt_events", district);
            var (exit, output) = await ServiceCommand.RunAsync(connection, "migrate");
            Assert.True(exit == 0, output);
            Assert.Contains("from Marten's tables, now kept in schema fundledger_marten_retired", output);
            // Every event copied, none of Marten's tables left in the store's schema, and a second run copies nothing.
            Assert.Equal(events, await CountAsync(connection, "fundledger.events", district));
            Assert.Equal(events, await CountAsync(connection, "fundledger_marten_retired.mt_events", district));
            Assert.Equal(0L, await ScalarAsync(connection,
                "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace " +
                "where n.nspname = 'fundledger' and c.relname like 'mt\\_%'"));
            (exit, output) = await ServiceCommand.RunAsync(connection, "migrate");
            Assert.True(exit == 0 && !output.Contains("copied"), output);
            return connection;
        });
        await app.InitializeAsync();
        try
        {
            var api = app.For(district);
            var verify = await api.Get($"/api/v1/districts/{district}/audit/verify");
            Assert.True(verify.Status == HttpStatusCode.OK && verify.Body!["ok"]!.GetValue<bool>(), verify.Raw);
            Assert.Equal(before!.Links, verify.Body!["chain"]!["links"]!.GetValue<long>());

            foreach (var write in before.Writes)
            {
                var retry = await api.Send(new HttpMethod(write.Method), write.Path, write.Body);
                Assert.True(retry.Replayed, $"{write.Method} {write.Path}: {retry.Status} {retry.Raw}");
                Assert.Equal((write.Status, write.Raw), ((int)retry.Status, retry.Raw));
            }
            foreach (var (path, raw) in before.AsOf)
                Assert.Equal(raw, (await api.Get(path)).Raw);

            // The upgraded ledger takes new writes, chained after the old ones.
            var paid = await app.For(district, 2021).Disburse("P21-01", "UPGRADE-1", 1.00m, "2021-06-30");
            Assert.Equal(HttpStatusCode.Created, paid.Status);
            verify = await api.Get($"/api/v1/districts/{district}/audit/verify");
            Assert.True(verify.Body!["ok"]!.GetValue<bool>(), verify.Raw);
            Assert.Equal(before.Links + 1, verify.Body!["chain"]!["links"]!.GetValue<long>());
        }
        finally { await app.DisposeAsync(); }
    }

    private static Task<long> CountAsync(string connection, string table, string district) =>
        ScalarAsync(connection, $"select count(*) from {table} where tenant_id = '{district}'");

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Write(string Method, string Path, string? Body, int Status, string Raw);

    private sealed record Recorded(IReadOnlyList<Write> Writes, IReadOnlyList<(string Path, string Raw)> AsOf, long Links);

    /// <summary>The samples through the previous release, each answer kept; then its reads as of an instant, and its chain.</summary>
    /// <summary>The earlier release's own samples (as its clients sent them), through its API.</summary>
    private static async Task<Recorded> RecordAsync(HttpClient http, string district, string folder)
    {
        var writes = new List<Write>();
        foreach (var file in Directory.GetFiles(folder, "*.requests").Order(StringComparer.Ordinal))
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var parts = line.Split(' ', 3);
                var path = $"/api/v1/districts/{district}{parts[1]}";
                var body = parts.Length > 2 ? parts[2] : null;
                using var request = new HttpRequestMessage(new HttpMethod(parts[0]), path);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(request);
                var raw = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"previous release: {line[..Math.Min(120, line.Length)]} → {raw}");
                writes.Add(new Write(parts[0], path, body, (int)response.StatusCode, raw));
            }
        // An instant after every write (the clock moves on past the last commit before it is read).
        var asOf = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"));
        await Until.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > DateTimeOffset.Parse(Uri.UnescapeDataString(asOf))),
            "the asOf instant to pass", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        var reads = new List<(string, string)>();
        foreach (var read in Reads)
        {
            var path = $"/api/v1/districts/{district}{read}{(read.Contains('?') ? '&' : '?')}asOf={asOf}";
            var raw = await http.GetStringAsync(path);
            reads.Add((path, raw));
        }
        var verify = JsonNode.Parse(await http.GetStringAsync($"/api/v1/districts/{district}/audit/verify"))!;
        Assert.True(verify["ok"]!.GetValue<bool>(), verify.ToJsonString());
        return new Recorded(writes, reads, verify["chain"]!["links"]!.GetValue<long>());
    }

    /// <summary>An earlier release's service, built by deploy/local/previous-release.sh and run as a process of its own.</summary>
    private sealed class PreviousService(Process process, string url, string dir) : IAsyncDisposable
    {
        /// <summary>The release's own Fengtai samples, which previous-release.sh leaves beside its build.</summary>
        public string SamplesFolder => Path.Combine(dir, "samples");

        public static async Task<PreviousService> StartAsync(
            string release, string connection, string signingKey, string issuer, string audience)
        {
            var root = Samples.RepositoryRoot();
            var dir = Path.Combine(root, "tests", "FundLedger.Tests", "bin", $"release-{release}");
            var script = Path.Combine(root, "deploy", "local", "previous-release.sh");
            var build = Process.Start(new ProcessStartInfo("bash", [script, release, dir])
            {
                RedirectStandardError = true, RedirectStandardOutput = true,
            })!;
            var buildOutput = build.StandardOutput.ReadToEndAsync();
            var buildError = build.StandardError.ReadToEndAsync();
            await build.WaitForExitAsync();
            Assert.True(build.ExitCode == 0, await buildOutput + await buildError);

            var url = $"http://127.0.0.1:{Loopback.FreePort()}";
            var start = new ProcessStartInfo("dotnet", [Path.Combine(dir, "FundLedger.Api.dll"), "--urls", url])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
                Environment =
                {
                    ["ConnectionStrings__FundLedger"] = connection, ["Auth__SigningKey"] = signingKey, ["Auth__Issuer"] = issuer,
                    ["Auth__Audience"] = audience, ["ASPNETCORE_ENVIRONMENT"] = "Production",
                },
            };
            var running = Process.Start(start)!;
            var log = new StringBuilder();
            // Both pipes drained, so a chatty process never blocks on a full one.
            running.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            running.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            running.BeginOutputReadLine();
            running.BeginErrorReadLine();
            var service = new PreviousService(running, url, dir);
            using var probe = new HttpClient { BaseAddress = new Uri(url) };
            await Until.TrueAsync(async () =>
            {
                Assert.False(running.HasExited, $"the previous release exited: {log}");
                try { return (await probe.GetAsync("/health/ready")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, "the previous release to be ready", TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
            return service;
        }

        public HttpClient Client(string token)
        {
            var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
            process.Dispose();
        }
    }
}
