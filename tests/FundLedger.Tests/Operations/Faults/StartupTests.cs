using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// The service started while PostgreSQL is down, or before the migration has run: it serves (live), says what it waits
/// for (ready 503), answers every other request 503 with Retry-After, keeps trying, and turns ready by itself.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Faults")]
public sealed class StartupTests(FaultCluster cluster)
{
    [Fact]
    public async Task Started_with_PostgreSQL_down_it_serves_503s_and_turns_ready_when_PostgreSQL_comes_back()
    {
        var database = await cluster.CreateDatabaseAsync();
        await cluster.StopAsync("fast");
        FaultRig? rig = null;
        try
        {
            rig = await FaultRig.StartAsync(cluster, 1, ready: false, database: database);
            var service = rig.Replicas[0];
            await service.HealthAsync("live", HttpStatusCode.OK);
            var ready = JsonNode.Parse(await service.HealthAsync("ready", HttpStatusCode.ServiceUnavailable))!;
            Assert.Contains("does not answer", (string)ready["checks"]!["postgresql"]!["description"]!);

            using var http = new HttpClient();
            foreach (var (method, path, body) in new[]
            {
                (HttpMethod.Get, "appropriations", null),
                (HttpMethod.Post, "appropriations/L1/disbursements", """{"voucherNo":"EARLY-1","amount":"1.00","paidOn":"2020-05-20"}"""),
            })
            {
                using var response = await FaultRig.SendAsync(http, service.Url, method, path, body);
                Assert.Contains("nothing was read or recorded", await FaultRig.AssertUnavailableAsync(response));
            }

            // It keeps trying while PostgreSQL is away (a second attempt logged), and comes ready once it is back.
            await service.LoggedAsync(log => log.Any(l => l.Contains("Not ready (attempt 2)")), "a second attempt");
            await cluster.StartAsync();
            await service.HealthAsync("ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            await rig.Checker.SetUpAsync();
            var (times, _, _, _) = await rig.Checker.HistoryAsync();
            Assert.False(times.ContainsKey("EARLY-1"));
            // Logged when the start-up succeeds, which readiness may report before this process has read the line.
            await service.LoggedAsync(log => log.Any(l => l.Contains("Ready after")), "the start-up's success to be logged");
            // Written before the start-up's success, so read by now: nothing an operator cannot act on.
            Assert.DoesNotContain(service.Log, l => l.Contains("found no handlers") || l.Contains("RejectUnparseableQueryValues"));
            Assert.Empty(rig.StackFrames);
        }
        finally
        {
            if (rig is not null) await rig.DisposeAsync();
            try { await cluster.StartAsync(); } catch (InvalidOperationException) { /* already running */ }
        }
    }

    [Fact]
    public async Task Started_before_the_migration_it_waits_for_the_schema_and_turns_ready_once_migrate_has_run()
    {
        await using var rig = await FaultRig.StartAsync(cluster, 1, ready: false,
            new Dictionary<string, string> { ["FundLedger__ApplySchemaOnStartup"] = "false" });
        var service = rig.Replicas[0];
        var ready = JsonNode.Parse(await service.HealthAsync("ready", HttpStatusCode.ServiceUnavailable))!;
        Assert.Contains("run the migration", (string)ready["checks"]!["postgresql"]!["description"]!);
        using var http = new HttpClient();
        using (var early = await FaultRig.SendAsync(http, service.Url, HttpMethod.Get, "appropriations", null))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);

        var (exitCode, output) = await ServiceCommand.RunAsync(cluster.ConnectionString(rig.Database), "migrate");
        Assert.True(exitCode == 0, output);
        await service.HealthAsync("ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        await rig.Checker.SetUpAsync();
        await service.LoggedAsync(log => log.Any(l => l.Contains("run the migration")), "the wait for the migration to be logged");
    }
}
