using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Disbursements;

public sealed class ReversalTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Partial_then_full_reversal_never_more_than_was_paid()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m, "2020-02-10");

        var partial = await api.Reverse("V1", 100m, "2020-04-02");
        var tooMuch = await api.Reverse("V1", 200.01m, "2020-04-03");
        var rest = await api.Reverse("V1", null, "2020-04-04");
        var again = await api.Reverse("V1", null, "2020-04-05");

        Assert.Equal(HttpStatusCode.Created, partial.Status);
        Assert.Equal(200m, partial.Money("remainingOfDisbursement"));
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.Status);
        Assert.Equal("https://fundledger.org/problems/reversal-exceeds-disbursement", tooMuch.Text("type"));
        Assert.Equal(200m, rest.Money("amount"));
        Assert.Equal(0m, rest.Money("remainingOfDisbursement"));
        Assert.Equal("https://fundledger.org/problems/already-reversed", again.Text("type"));

        var read = await api.Appropriation("P001");
        Assert.Equal(300m, read.Money("disbursed"));
        Assert.Equal(300m, read.Money("reversed"));
        Assert.Equal(0m, read.Money("executed"));
        // The payment counts in Q1 and its reversal in Q2, when the money came back.
        Assert.Equal(300m, read.Money("quarters.q1"));
        Assert.Equal(-300m, read.Money("quarters.q2"));
        Assert.Equal(2, await App.CountEventsAsync(api.District, "disbursement_reversed", "V1"));
    }

    [Fact]
    public async Task A_reversal_with_an_id_is_idempotent()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);
        var first = await api.Reverse("V1", 50m, "2020-05-01", "R1");
        var retry = await api.Reverse("V1", 50m, "2020-05-01", "R1");
        var conflict = await api.Reverse("V1", 60m, "2020-05-01", "R1");

        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(250m, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task Reversing_an_unknown_voucher_is_404_and_a_date_before_payment_is_400()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m, "2020-06-01");

        var unknown = await api.Reverse("NOPE", 1m, "2020-06-02");
        var early = await api.Reverse("V1", 1m, "2020-05-31");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("https://fundledger.org/problems/disbursement-not-found", unknown.Text("type"));
        Assert.Equal(HttpStatusCode.BadRequest, early.Status);
        Assert.Equal(["reversedOn"], early.ErrorFields);
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_reversed"));
    }
}
