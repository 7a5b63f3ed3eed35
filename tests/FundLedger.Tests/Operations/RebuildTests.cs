using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Operations;

/// <summary>The operator's `rebuild` verb replaces every projected document with what the events say, changing no figure.</summary>
public sealed class RebuildTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Rebuilding_the_projections_from_the_events_leaves_every_figure_as_it_was()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Adjust("A", "ADJ-1", "supplement", 200m);
        await api.Disburse("A", "V1", 300m);
        await api.Disburse("A", "V2", 100m, paidOn: "2020-08-01");
        await api.Reverse("V1", 50m, "2020-09-01", reversalId: "R1");
        var before = await api.Appropriation("A");
        var quartersBefore = await api.Get("execution?by=quarter");

        var (exitCode, output) = await ServiceCommand.RunAsync(App.DatabaseEnvironment, "rebuild");
        Assert.True(exitCode == 0, output);
        Assert.Matches(@"rebuilt projections: events=\d+ ", output);

        var after = await api.Appropriation("A");
        Assert.Equal(HttpStatusCode.OK, after.Status);
        foreach (var figure in new[] { "original", "supplements", "disbursed", "reversed", "version" })
            Assert.Equal(before.Node(figure)!.ToJsonString(), after.Node(figure)!.ToJsonString());
        Assert.Equal(350m, after.Money("disbursed") - after.Money("reversed"));
        Assert.Equal(quartersBefore.Node("rows")!.ToJsonString(), (await api.Get("execution?by=quarter")).Node("rows")!.ToJsonString());
        var verified = await api.Get($"/api/v1/districts/{api.District}/audit/verify");
        Assert.True(verified.Node("ok")!.GetValue<bool>(), verified.Raw);
        // The voucher documents were rebuilt too: V1 has 250 left to reverse, not 300.
        var tooMuch = await api.Reverse("V1", 250.01m, "2020-09-02", reversalId: "R2");
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.Status);
        Assert.Equal("https://fundledger.org/problems/reversal-exceeds-disbursement", tooMuch.Text("type"));
        Assert.Equal(HttpStatusCode.Created, (await api.Reverse("V1", 250m, "2020-09-02", reversalId: "R3")).Status);
    }
}
