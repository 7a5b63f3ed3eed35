using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>Every read answers the figures as they had been recorded at an instant, before and after a carry-forward and a close.</summary>
public sealed class AsOfTests(LedgerApp app) : LedgerTest(app)
{
    private async Task<Dictionary<string, string>> RecordedAt(Api api)
    {
        var raw = (await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events", null)).Raw;
        return raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .GroupBy(e => e["type"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => Uri.EscapeDataString(g.Last()["recordedAt"]!.GetValue<DateTimeOffset>().ToString("O")));
    }

    [Fact]
    public async Task Reads_answer_as_recorded_before_and_after_a_carry_forward_and_a_close()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m, "2070899");
        await api.Disburse("A", "V1", 100m);
        await api.CarryForward("A", 50m);
        await api.Close();
        var at = await RecordedAt(api);

        var paid = await api.Get($"appropriations/A?asOf={at["disbursement_recorded"]}");
        var carried = await api.Get($"appropriations/A?asOf={at["balance_carried_forward"]}");
        var closed = await api.Get($"appropriations/A?asOf={at["balance_lapsed"]}");
        var now = await api.Appropriation("A");

        Assert.Equal((100m, 0m, 0m, false),
            (paid.Money("executed"), paid.Money("carried"), paid.Money("lapsed"), paid.Node("closed")!.GetValue<bool>()));
        Assert.Equal((50m, 0m, false), (carried.Money("carried"), carried.Money("lapsed"), carried.Node("closed")!.GetValue<bool>()));
        Assert.Equal((50m, 850m, true), (closed.Money("carried"), closed.Money("lapsed"), closed.Node("closed")!.GetValue<bool>()));
        Assert.Equal(closed.Raw, now.Raw);

        var executionThen = await api.Get($"execution?by=kind&asOf={at["disbursement_recorded"]}");
        Assert.Equal((100m, 900m), (executionThen.Money("totals.executed"), executionThen.Money("totals.available")));
        var varianceBeforeClose = await api.Get($"variance?level=section&asOf={at["balance_carried_forward"]}");
        var varianceAfterClose = await api.Get($"variance?level=section&asOf={at["balance_lapsed"]}");
        Assert.Equal(["carry-forward", "unexplained"], Kinds(varianceBeforeClose));
        Assert.Equal(["carry-forward", "lapse"], Kinds(varianceAfterClose));
    }

    [Fact]
    public async Task Before_anything_was_recorded_there_is_nothing_and_a_bad_instant_is_a_400()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);

        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("appropriations/A?asOf=2019-01-01T00:00:00Z")).Status);
        Assert.Equal(0, (await api.Get("appropriations?asOf=2019-01-01T00:00:00Z")).Node("count")!.GetValue<int>());
        Assert.Equal(["asOf"], (await api.Get("execution?asOf=yesterday")).ErrorFields);
    }

    private static IEnumerable<string> Kinds(Answer variance) =>
        variance.Node("nodes")![0]!["reasons"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>());
}
