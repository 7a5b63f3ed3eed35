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
}
