using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Ledger;
using FundLedger.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// Faults injected into the real service (its own processes) and the real PostgreSQL (a server of these tests' own)
/// under load, with one replica and with two on one database; after each, the checker holds the ledger to what its clients
/// were told (see <see cref="LedgerChecker"/>). Small here; deploy/local/faults.sh runs them larger and prints the table.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Faults")]
public sealed class FaultTests(FaultCluster cluster, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_service_killed_under_load_loses_and_duplicates_nothing(int replicas)
    {
        await using var rig = await FaultRig.StartAsync(cluster, replicas);
        var row = await rig.RunAsync("kill -9 service", async () =>
        {
            await rig.Replicas[0].KillAsync();
            // One replica: it comes back on its port. Two: the other carries the load (and seals the chain) alone, once the
            // load balancer has noticed (only now: requests in flight to the killed one, and the next few, fail first).
            if (replicas == 1) rig.Replicas[0].Start();
            else rig.Checker.Down(0);
        });
        Print(row);
        if (replicas == 2) await ChainSealedInBackgroundAsync(rig);
    }

    [Theory]
    [InlineData("immediate", 1)]
    [InlineData("immediate", 2)]
    [InlineData("fast", 1)]
    [InlineData("fast", 2)]
    public async Task PostgreSQL_restarted_under_load_loses_and_duplicates_nothing_and_answers_503_not_500(string mode, int replicas)
    {
        await using var rig = await FaultRig.StartAsync(cluster, replicas);
        var row = await rig.RunAsync($"pg_ctl restart -m {mode}", () => cluster.RestartAsync(mode));
        Print(row);
        // An operator reads one warning when the database went and one when it came back, per replica; no stack traces.
        // The recovery line comes from a probe that runs once a second, after the fault has ended: wait for it, not for time.
        foreach (var replica in rig.Replicas)
        {
            static int Lost(IEnumerable<string> log) => log.Count(l => l.Contains("is unavailable ("));
            static int Back(IEnumerable<string> log) => log.Count(l => l.Contains("is back after"));
            await replica.LoggedAsync(log => Lost(log) > 0 && Back(log) >= Lost(log), "every outage's recovery to be logged");
            Assert.InRange(Lost(replica.Log), 1, 3);
            Assert.Equal(Lost(replica.Log), Back(replica.Log));
        }
        Assert.Empty(rig.StackFrames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Writer_connections_terminated_mid_transaction_lose_and_duplicate_nothing(int replicas)
    {
        await using var rig = await FaultRig.StartAsync(cluster, replicas);
        var terminated = 0;
        var row = await rig.RunAsync("pg_terminate_backend mid-transaction", async () =>
        {
            // Five terminations: as soon as a writer is inside a transaction, its backend is terminated. A backend
            // terminated a moment ago can still read as active and be gone by the next statement (0 terminated), so
            // the loop counts terminations, not attempts.
            for (var attempt = 0; terminated < 5 && attempt < 50; attempt++)
            {
                await UntilAsync(() => cluster.InTransactionAsync(rig.Database, GroupCommitter.ApplicationName),
                    "a writer inside a transaction");
                terminated += await cluster.TerminateAsync(rig.Database, GroupCommitter.ApplicationName);
            }
        });
        Print(row with { Fault = $"{row.Fault} ({terminated} backends)" });
        Assert.True(terminated >= 5);
    }

    [Fact]
    public async Task Two_replicas_racing_on_the_same_vouchers_and_budget_record_each_once_and_never_overspend()
    {
        await using var rig = await FaultRig.StartAsync(cluster, 2);
        await rig.Checker.SetUpAsync();
        using var http = new HttpClient();
        // The same voucher to both replicas at once: one records it, the other answers the same receipt.
        for (var i = 0; i < 20; i++)
        {
            var answers = await Task.WhenAll(rig.Replicas.Select(r => PostAsync(http, r.Url, "L1", $"RACE-{i}", 5.00m)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
            Assert.Equal(answers[0].Body, answers[1].Body);
        }
        // Both replicas draining the contended line's budget: exactly the budget, never more.
        var drained = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => PostAsync(http, rig.Replicas[i % 2].Url, LedgerChecker.Contended, $"DRAIN-{i}", 1.00m)));
        Assert.Equal((int)LedgerChecker.ContendedBudget, drained.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(drained.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Contains("budget-exceeded", a.Body));

        var (times, sums, _, _) = await rig.Checker.HistoryAsync();
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, times[$"RACE-{i}"]));
        Assert.Equal(LedgerChecker.ContendedBudget, sums[LedgerChecker.Contended]);
        var verify =
            JsonNode.Parse(await rig.Checker.MustAsync(HttpMethod.Get, $"/api/v1/districts/{FaultRig.District}/audit/verify", null))!;
        Assert.True(verify["ok"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Fact]
    public async Task A_batch_killed_mid_way_is_all_or_nothing_and_its_resend_records_it_exactly_once()
    {
        await using var rig = await FaultRig.StartAsync(cluster, 1);
        await rig.Checker.SetUpAsync();
        var items = Enumerable.Range(0, 1000).Select(i =>
            $$"""{"appropriationCode":"L{{i % 8 + 1}}","voucherNo":"BATCH-{{i}}","amount":"{{1 + i % 7}}.00","paidOn":"2020-06-30"}""");
        var batch = $$"""{"items":[{{string.Join(',', items)}}]}""";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        // Mid-way for certain: another transaction holds one of the batch's lines, so the batch's transaction has taken its
        // other locks and waits inside it when the service is killed.
        Task<string> sent;
        await using (await cluster.HoldAsync(rig.Database, "select 1 from fundledger.streams where id = '2020/L8' for update"))
        {
            sent = SendBatchAsync(http, rig.Replicas[0].Url, batch);
            await UntilAsync(async () => await cluster.WaitingForLockAsync(rig.Database, GroupCommitter.ApplicationName) > 0,
                "the batch's transaction to wait");
            await rig.Replicas[0].KillAsync();
        }
        Assert.NotNull(await Record.ExceptionAsync(() => sent));   // the client never hears back

        rig.Replicas[0].Start();
        await rig.Replicas[0].HealthAsync("ready", HttpStatusCode.OK);
        var (before, _, _, _) = await rig.Checker.HistoryAsync();
        var recorded = before.Keys.Count(v => v.StartsWith("BATCH-"));
        // Killed before its commit was sent: none of it is recorded (a batch is one transaction).
        Assert.Equal(0, recorded);

        var resend = JsonNode.Parse(await SendBatchAsync(http, rig.Replicas[0].Url, batch))!;
        Assert.Equal(1000, resend["recorded"]!.GetValue<int>() + resend["replayed"]!.GetValue<int>());
        Assert.Equal(recorded, resend["replayed"]!.GetValue<int>());
        var (after, sums, _, _) = await rig.Checker.HistoryAsync();
        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal(1, after[$"BATCH-{i}"]));
        Assert.Equal(Enumerable.Range(0, 1000).Sum(i => 1m + i % 7), sums.Values.Sum());
        var row = new FaultRow("kill -9 service during a 1,000-item batch", 1, 2, 1000, 0, 0, 0, 1000, recorded, 1000, 0, 0, 0, 0, 0, 0);
        row.Report();
        Print(row);
    }

    private async Task ChainSealedInBackgroundAsync(FaultRig rig)
    {
        // Read the tables directly: the audit feed seals before it reads, which would hide a sealer that stopped.
        await using var connection = new Npgsql.NpgsqlConnection(cluster.AdminConnectionString(rig.Database));
        await connection.OpenAsync();
        await UntilAsync(async () =>
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "select (select count(*) from fundledger.events) = " +
                "(select count(*) from fundledger.event_chain)", connection);
            return (bool)(await command.ExecuteScalarAsync())!;
        }, "the surviving replica's sealer to link every event");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(
        HttpClient http, string url, string line, string voucher, decimal amount)
    {
        using var response = await FaultRig.SendAsync(http, url, HttpMethod.Post, $"appropriations/{line}/disbursements",
            $$"""{"voucherNo":"{{voucher}}","amount":"{{amount:0.00}}","paidOn":"2020-05-20"}""");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> SendBatchAsync(HttpClient http, string url, string batch)
    {
        using var response = await FaultRig.SendAsync(http, url, HttpMethod.Post, "disbursements:batch", batch);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    internal static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        Until.TrueAsync(condition, what, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(2));

    private void Print(FaultRow row) => output.WriteLine(row.ToString());
}
