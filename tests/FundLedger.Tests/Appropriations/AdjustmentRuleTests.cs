using System.Net;

namespace FundLedger.Tests.Appropriations;

/// <summary>
/// The README's date, amount and business-key rules for enacting and adjusting, as a finance system meets them over
/// HTTP: a refusal names its field or its problem type, and records nothing.
/// </summary>
public sealed class AdjustmentRuleTests(LedgerApp app) : LedgerTest(app)
{
    [Theory]
    [InlineData("2019-12-31")]
    [InlineData("2021-01-01")]
    public async Task An_adjustment_dated_outside_its_year_is_a_400_naming_effectiveOn(string effectiveOn)
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);

        var answer = await api.Adjust("P001", "A1", "supplement", 10m, effectiveOn: effectiveOn);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["effectiveOn"], answer.ErrorFields);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Theory]
    [InlineData("2018-12-31", HttpStatusCode.BadRequest)]
    [InlineData("2019-01-01", HttpStatusCode.Created)]
    [InlineData("2020-12-31", HttpStatusCode.Created)]
    [InlineData("2021-01-01", HttpStatusCode.BadRequest)]
    public async Task An_appropriation_is_enacted_in_its_year_or_the_one_before(string enactedOn, HttpStatusCode expected)
    {
        var api = NewDistrict();

        var answer = await api.Enact("P001", 100m, enactedOn: enactedOn);

        Assert.Equal(expected, answer.Status);
        if (expected == HttpStatusCode.BadRequest) Assert.Equal(["enactedOn"], answer.ErrorFields);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, await App.CountAllEventsAsync(api.District));
    }

    [Theory]
    [InlineData("supplement", 0)]
    [InlineData("supplement", -5)]
    [InlineData("reduction", 0)]
    [InlineData("reduction", -5)]
    public async Task An_adjustment_of_zero_or_less_is_a_400_naming_amount(string type, int amount)
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);

        var answer = await api.Adjust("P001", "A1", type, amount);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["amount"], answer.ErrorFields);
        Assert.Equal(1_000m, (await api.Appropriation("P001")).Money("adjusted"));
    }

    [Fact]
    public async Task An_adjustment_id_replays_its_request_and_refuses_another_body_with_adjustment_conflict()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);

        var first = await api.Adjust("P001", "A1", "supplement", 10m);
        var retry = await api.Adjust("P001", "A1", "supplement", 10m);
        var other = await api.Adjust("P001", "A1", "supplement", 20m);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("https://fundledger.org/problems/adjustment-conflict", other.Text("type"));
        Assert.Equal(1_010m, (await api.Appropriation("P001")).Money("adjusted"));
        Assert.Equal(2, await App.CountAllEventsAsync(api.District));
    }
}
