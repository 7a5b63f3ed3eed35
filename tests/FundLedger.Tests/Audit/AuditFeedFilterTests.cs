using System.Net;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Audit;

/// <summary>
/// The audit feed's filters are answered by the server (the dashboard's stream filter was once ignored, and its type filter
/// searched only the first 200 events it had loaded), and a full page says where the next one starts.
/// </summary>
public sealed class AuditFeedFilterTests(LedgerApp app) : LedgerTest(app)
{
    private async Task<(List<JsonNode> Events, string? Next)> Page(Api api, string query)
    {
        var answer = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events?{query}", null);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Raw);
        var next = answer.Response.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
        return (answer.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList(), next);
    }

    private static long Sequence(JsonNode e) => e["sequence"]!.GetValue<long>();
    private static string Type(JsonNode e) => e["type"]!.GetValue<string>();

    [Fact]
    public async Task Stream_type_sequence_and_time_filters_are_answered_by_the_server()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Enact("B", 1_000m);
        for (var i = 0; i < 5; i++) await api.Disburse(i % 2 == 0 ? "A" : "B", $"V{i}", 10m);
        await api.Reverse("V4", 5m, "2020-04-01");
        var (all, _) = await Page(api, "limit=1000");
        Assert.Equal(8, all.Count);

        var (a, _) = await Page(api, "stream=2020/A");
        Assert.Equal(
            ["appropriation_enacted", "disbursement_recorded", "disbursement_recorded", "disbursement_recorded", "disbursement_reversed"],
            a.Select(Type));
        var (reversals, _) = await Page(api, "type=disbursement_reversed");
        Assert.Equal(Sequence(all[^1]), Sequence(reversals.Single()));
        var (money, _) = await Page(api, "type=disbursement_recorded,disbursement_reversed&stream=2020/B");
        Assert.Equal(2, money.Count);
        var (middle, _) = await Page(api, $"fromSequence={Sequence(all[2])}&toSequence={Sequence(all[4])}");
        Assert.Equal(all[2..5].Select(Sequence), middle.Select(Sequence));

        var at = all[5]["recordedAt"]!.GetValue<DateTimeOffset>();
        var (since, _) = await Page(api, $"recordedFrom={Uri.EscapeDataString(at.ToString("O"))}");
        Assert.Equal(all.Where(e => e["recordedAt"]!.GetValue<DateTimeOffset>() >= at).Select(Sequence), since.Select(Sequence));
        var (before, _) = await Page(api, $"recordedTo={Uri.EscapeDataString(at.ToString("O"))}");
        Assert.Equal(all.Where(e => e["recordedAt"]!.GetValue<DateTimeOffset>() < at).Select(Sequence), before.Select(Sequence));
    }

    [Fact]
    public async Task A_full_page_links_to_the_next_with_the_same_filters_and_the_last_page_does_not()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        for (var i = 0; i < 5; i++) await api.Disburse("A", $"V{i}", 10m);

        var seen = new List<long>();
        var query = "type=disbursement_recorded&limit=2";
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 5, "the pages never end");
            var (events, next) = await Page(api, query);
            Assert.All(events, e => Assert.Equal("disbursement_recorded", Type(e)));
            seen.AddRange(events.Select(Sequence));
            if (next is null) break;
            var url = next[(next.IndexOf('<') + 1)..next.IndexOf('>')];
            Assert.EndsWith("; rel=\"next\"", next);
            Assert.StartsWith($"/api/v1/districts/{api.District}/audit/events?", url);
            Assert.Contains("type=disbursement_recorded", url);
            query = url[(url.IndexOf('?') + 1)..];
        }
        Assert.Equal(5, seen.Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Distinct(), seen);
    }

    [Theory]
    [InlineData("type=disbursement_made", "type")]
    [InlineData("toSequence=-1", "toSequence")]
    [InlineData("recordedFrom=yesterday", "recordedFrom")]
    [InlineData("recordedTo=2020-13-01", "recordedTo")]
    public async Task A_filter_that_means_nothing_is_refused_naming_it(string query, string field)
    {
        var api = NewDistrict();
        var answer = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events?{query}", null);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
    }

    [Fact]
    public async Task An_appropriation_s_history_as_of_an_instant_lists_only_what_was_recorded_by_then()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 10m);
        var (all, _) = await Page(api, "stream=2020/A");
        var then = all[0]["recordedAt"]!.GetValue<DateTimeOffset>();
        await api.Disburse("A", "V2", 10m);

        var history = await api.Get($"appropriations/A/events?asOf={Uri.EscapeDataString(then.ToString("O"))}");
        Assert.Equal(["appropriation_enacted"], history.Body!.AsArray().Select(e => Type(e!)));
        Assert.Equal(3, (await api.Get("appropriations/A/events")).Body!.AsArray().Count);
    }
}
