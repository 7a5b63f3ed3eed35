using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Security;

/// <summary>The district in the path is the tenant: nothing of one district is visible from another.</summary>
public sealed class TenancyTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task One_districts_appropriations_and_payments_are_invisible_to_another()
    {
        var fengtai = NewDistrict();
        var other = App.For(App.NewDistrict());
        await fengtai.Enact("P001", 1_000m);
        await fengtai.Disburse("P001", "V1", 100m);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Appropriation("P001")).Status);
        Assert.Equal(0, (await other.Get("appropriations")).Node("count")!.GetValue<int>());
        Assert.Equal(0m, (await other.Get("execution?by=department")).Money("totals.adjusted"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Disburse("P001", "V2", 1m)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Reverse("V1", 1m, "2020-05-01")).Status);
        Assert.Equal(100m, (await fengtai.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task Codes_and_vouchers_are_unique_per_district_not_globally()
    {
        var a = NewDistrict();
        var b = App.For(App.NewDistrict());
        await a.Enact("P001", 1_000m);
        var sameCode = await b.Enact("P001", 500m);
        await a.Disburse("P001", "V1", 100m);
        var sameVoucher = await b.Disburse("P001", "V1", 200m);

        Assert.Equal(HttpStatusCode.Created, sameCode.Status);
        Assert.Equal(HttpStatusCode.Created, sameVoucher.Status);
        Assert.Equal(100m, (await a.Appropriation("P001")).Money("executed"));
        Assert.Equal(200m, (await b.Appropriation("P001")).Money("executed"));
    }

    [Theory]
    [InlineData("11010")]
    [InlineData("1101061")]
    [InlineData("abcdef")]
    public async Task A_malformed_district_is_a_400(string district)
    {
        var api = App.For(district);
        var answer = await api.Get("appropriations");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["district"], answer.ErrorFields);
    }
}
