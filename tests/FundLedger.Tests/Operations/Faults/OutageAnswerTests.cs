using System.Net;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// PostgreSQL stopped under a running service: reads (after their retries) and writes are answered 503
/// <c>database-unavailable</c> with Retry-After and the security headers, saying what the client may assume; the outage is
/// logged once when it starts and once when it ends with the count of 503s, never a stack trace per request.
/// </summary>
[Collection(FaultCollection.Name)]
[Trait("Category", "Faults")]
public sealed class OutageAnswerTests(FaultCluster cluster)
{
    [Fact]
    public async Task While_PostgreSQL_is_down_reads_and_writes_are_503_with_retry_after_and_the_outage_is_logged_once()
    {
        await using var rig = await FaultRig.StartAsync(cluster, 1);
        await rig.Checker.SetUpAsync();
        var service = rig.Replicas[0];
        using var http = new HttpClient();
        // Warm the paths (their first use compiles them) so the outage answers below come from the running service.
        using (var warm = await FaultRig.SendAsync(http, service.Url, HttpMethod.Get, "appropriations/L1", null))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        await cluster.StopAsync("fast");
        try
        {
            var answers = new List<string>();
            foreach (var (method, path, body) in new[]
            {
                (HttpMethod.Get, "appropriations/L1", null),
                (HttpMethod.Get, "execution?by=department", null),
                (HttpMethod.Post, "appropriations/L1/disbursements", """{"voucherNo":"DOWN-1","amount":"1.00","paidOn":"2020-05-20"}"""),
            })
            {
                using var response = await FaultRig.SendAsync(http, service.Url, method, path, body);
                answers.Add(await FaultRig.AssertUnavailableAsync(response));
            }
            Assert.Contains("Nothing was changed", answers[0]);
            Assert.Contains("Nothing was changed", answers[1]);
            Assert.Contains("The write was not recorded", answers[2]);
            var ready = JsonNode.Parse(await service.HealthAsync("ready", HttpStatusCode.ServiceUnavailable))!;
            Assert.Contains("does not answer", (string)ready["checks"]!["postgresql"]!["description"]!);
            Assert.Equal(200, (int)(await http.GetAsync($"{service.Url}/health/live")).StatusCode);
        }
        finally
        {
            await cluster.StartAsync();
        }

        await service.HealthAsync("ready", HttpStatusCode.OK);
        await service.LoggedAsync(log => log.Any(l => l.Contains("is back after")), "the recovery to be logged");
        Assert.Single(service.Log, l => l.Contains("is unavailable ("));
        var back = Assert.Single(service.Log, l => l.Contains("is back after"));
        var answered = System.Text.RegularExpressions.Regex.Match(back, @"; (\d+) requests were answered 503 meanwhile");
        Assert.True(answered.Success && int.Parse(answered.Groups[1].Value) >= 3, back);
        Assert.Empty(rig.StackFrames);
        var (times, _, _, _) = await rig.Checker.HistoryAsync();
        Assert.False(times.ContainsKey("DOWN-1"));
    }
}
