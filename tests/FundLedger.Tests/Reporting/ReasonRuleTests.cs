using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>
/// The 审核 rules on the lines behind the ledger's tables: a 追加 whose reason is a placeholder is a hint, and a closed
/// line executed below 90% whose balance lapsed without a reason is a suspect (R-02); neither is a definite failure.
/// </summary>
public sealed class ReasonRuleTests(LedgerApp app) : LedgerTest(app)
{
    private static JsonNode Rule(Answer checks, string id) =>
        checks.Node("rules")!.AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;

    [Fact]
    public async Task A_placeholder_reason_is_a_hint_and_a_low_line_that_lapsed_is_a_suspect_but_the_identities_still_pass()
    {
        var api = NewDistrict();
        await api.Enact("LOW", 100_000m);
        await api.Enact("CARRIED", 100_000m);
        await api.Enact("FULL", 100_000m);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("appropriations/FULL/adjustments", new
        {
            adjustmentId = "TJ-1", type = "supplement", amount = 10_000m, reason = "基本支出其他追加（决算说明未列明）",
            effectiveOn = "2020-06-30", placeholderReason = true,
        })).Status);
        await api.Adjust("LOW", "TJ-2", "reduction", 5_000m, reason: "压减一般性支出");
        await api.Disburse("LOW", "V1", 50_000m);
        await api.Disburse("CARRIED", "V2", 50_000m);
        await api.Disburse("FULL", "V3", 110_000m);

        var open = await api.Get("final-accounts/checks");

        Assert.False(Rule(open, "R-01")["passed"]!.GetValue<bool>());
        Assert.Contains("FULL", Rule(open, "R-01")["detail"]!.GetValue<string>());
        // Nothing has lapsed in an open year.
        Assert.True(Rule(open, "R-02")["passed"]!.GetValue<bool>());

        Assert.Equal(HttpStatusCode.Created, (await api.Post("carry-forwards", new
        {
            appropriationCode = "CARRIED", amount = 50_000m, kind = "treasury-returnable", reason = "项目跨年实施",
        })).Status);
        Assert.True((await api.Close()).Status is HttpStatusCode.OK or HttpStatusCode.Created);
        var closed = await api.Get("final-accounts/checks");

        var low = Rule(closed, "R-02");
        Assert.Equal(("suspect", false), (low["severity"]!.GetValue<string>(), low["passed"]!.GetValue<bool>()));
        // LOW lapsed 45,000 of 95,000 (52.63%); CARRIED is at 50% too, but its rest was carried with a reason.
        Assert.EndsWith(": LOW", low["detail"]!.GetValue<string>());
        Assert.Equal("hint", Rule(closed, "R-01")["severity"]!.GetValue<string>());
        Assert.True(closed.Node("passed")!.GetValue<bool>());
        Assert.All(closed.Node("rules")!.AsArray().Where(r => r!["severity"]!.GetValue<string>() == "definite"),
            r => Assert.True(r!["passed"]!.GetValue<bool>(), r.ToJsonString()));
    }
}
