using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Health;

/// <summary>The probes an orchestrator calls: anonymous, cheap, and naming the dependency that failed.</summary>
public sealed class HealthTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Live_and_ready_answer_without_a_token_and_name_their_checks()
    {
        var live = await App.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await App.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["postgresql"]!["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["projections"]!["status"]);
    }
}
