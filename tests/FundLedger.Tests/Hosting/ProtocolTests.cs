using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Hosting;

/// <summary>What a client gets wrong at the HTTP level is a 4xx problem+json, never a 500, and records nothing.</summary>
public sealed class ProtocolTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Wrong_content_type_is_415_problem()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var answer = await api.Send(HttpMethod.Post, "appropriations/P001/disbursements", "voucherNo=V1", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Theory]
    [InlineData("{\"voucherNo\":", "voucherNo")]
    [InlineData("{\"voucherNo\":\"V1\",\"amount\":1,\"paidOn\":\"2020-01-01\",\"memo\":5}", "memo")]
    [InlineData("{\"voucherNo\":[\"V1\"],\"amount\":1,\"paidOn\":\"2020-01-01\"}", "voucherNo")]
    [InlineData("[]", "body")]
    public async Task Malformed_json_is_a_400_naming_where(string body, string field)
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var answer = await api.Send(HttpMethod.Post, "appropriations/P001/disbursements", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal([field], answer.ErrorFields);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task A_year_outside_the_supported_range_is_a_400()
    {
        var api = NewDistrict(1999);
        var answer = await api.Enact("P001", 1m);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["year"], answer.ErrorFields);
    }

    [Fact]
    public async Task Every_kind_of_answer_carries_nosniff()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var other = App.NewDistrict();
        var big = "{\"voucherNo\":\"V9\",\"amount\":\"1\",\"paidOn\":\"2020-05-01\",\"memo\":\"" + new string('m', 70_000) + "\"}";
        var answers = new List<(string What, HttpStatusCode Expected, Answer Answer)>
        {
            ("201 write", HttpStatusCode.Created, await api.Disburse("P001", "V1", 10m)),
            ("200 JSON read", HttpStatusCode.OK, await api.Appropriation("P001")),
            ("200 NDJSON feed", HttpStatusCode.OK, await api.Get($"/api/v1/districts/{api.District}/audit/events")),
            ("200 markdown", HttpStatusCode.OK, await api.Get("report?format=markdown")),
            ("200 dashboard page", HttpStatusCode.OK, await api.Get("/dashboard/")),
            ("200 OpenAPI document", HttpStatusCode.OK, await api.Get("/openapi/v1.json")),
            ("200 liveness", HttpStatusCode.OK, await api.Get("/health/live")),
            ("400 validation", HttpStatusCode.BadRequest, await api.Disburse("P001", "V2", -1m)),
            ("401 no token", HttpStatusCode.Unauthorized, await api.WithToken(null).Appropriation("P001")),
            ("403 other district", HttpStatusCode.Forbidden,
                await new Api(App.Client, other, 2020, App.Token(api.District)).Appropriation("P001")),
            ("404 unknown line", HttpStatusCode.NotFound, await api.Appropriation("NOPE")),
            ("409 refusal", HttpStatusCode.Conflict, await api.Disburse("P001", "V3", 1_000m)),
            ("413 too large", HttpStatusCode.RequestEntityTooLarge, await TooLarge(api, big)),
            ("415 not JSON", HttpStatusCode.UnsupportedMediaType,
                await api.Send(HttpMethod.Post, "appropriations/P001/disbursements", "voucherNo=V4", "text/plain")),
        };

        Assert.All(answers, a =>
        {
            Assert.True(a.Expected == a.Answer.Status,
                $"{a.What}: {(int)a.Answer.Status} {a.Answer.Raw[..Math.Min(200, a.Answer.Raw.Length)]}");
            Assert.True(a.Answer.Response.Headers.TryGetValues("X-Content-Type-Options", out var values), a.What);
            Assert.Equal(["nosniff"], values);
        });
    }

    /// <summary>A body over the limit sent as a careful client would, waiting for 100-continue: the 413 comes first.</summary>
    private async Task<Answer> TooLarge(Api api, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{api.Base}/appropriations/P001/disbursements")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", App.Token(api.District));
        request.Headers.ExpectContinue = true;
        var response = await App.Client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(raw), response, raw);
    }
}
