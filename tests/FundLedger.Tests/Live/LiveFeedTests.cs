using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Live;

/// <summary>The live stream (server-sent events) as a dashboard reads it: committed events in order, resumed after Last-Event-ID.</summary>
public sealed class LiveFeedTests(LedgerApp app) : LedgerTest(app)
{
    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(Api api, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/districts/{api.District}/live");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", App.Token(api.District));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await App.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static Task<List<LiveItem>> ReadAsync(StreamReader reader, string type, int count) => LiveItems.ReadAsync(reader, type, count);

    [Fact]
    public async Task A_client_gets_each_committed_event_and_resumes_after_the_last_one_it_saw()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        var (first, reader) = await OpenAsync(api);
        Assert.Equal("text/event-stream", first.Content.Headers.ContentType?.MediaType);
        var connected = (await ReadAsync(reader, "connected", 1)).Single();

        await api.Disburse("P001", "V1", 100m);
        var paid = (await ReadAsync(reader, "ledger", 1)).Single(i => i.Event == "ledger");
        Assert.Equal(("disbursement_recorded", "P001", 2020, 100m),
            (paid.Data["type"]!.GetValue<string>(), paid.Data["code"]!.GetValue<string>(), paid.Data["year"]!.GetValue<int>(),
             paid.Data["amount"]!.GetValue<decimal>()));
        Assert.Equal(paid.Data["sequence"]!.GetValue<long>().ToString(), paid.Id);
        Assert.True(long.Parse(paid.Id) > long.Parse(connected.Id));
        first.Dispose();

        // Written while the client was away: a reconnection with Last-Event-ID gets exactly these, in order.
        await api.Disburse("P001", "V2", 10m);
        await api.Adjust("P001", "A1", "supplement", 5m);
        var (second, resumed) = await OpenAsync(api, paid.Id);
        var missed = (await ReadAsync(resumed, "ledger", 2)).Where(i => i.Event == "ledger").ToList();
        Assert.Equal(["disbursement_recorded", "appropriation_supplemented"], missed.Select(i => i.Data["type"]!.GetValue<string>()));
        Assert.True(long.Parse(missed[0].Id) > long.Parse(paid.Id) && long.Parse(missed[1].Id) > long.Parse(missed[0].Id));
        second.Dispose();
    }

    [Fact]
    public async Task A_resume_point_that_is_not_a_sequence_is_refused_naming_the_header()
    {
        var api = NewDistrict();
        var (response, body) = await OpenAsync(api, "yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Last-Event-ID"], JsonNode.Parse(await body.ReadToEndAsync())!["errors"]!.AsObject().Select(e => e.Key));
    }
}
