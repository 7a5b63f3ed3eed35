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
        Assert.True(retry.Replayed);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("https://fundledger.org/problems/reversal-conflict", conflict.Text("type"));
        Assert.Equal(250m, (await api.Appropriation("P001")).Money("executed"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_reversed", "V1"));
    }

    [Fact]
    public async Task Without_a_reversalId_the_Idempotency_Key_alone_makes_a_resent_reversal_a_replay()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);

        var first = await api.Reverse("V1", 50m, "2020-05-01", idempotencyKey: "rev-1");
        var resent = await api.Reverse("V1", 50m, "2020-05-01", idempotencyKey: "rev-1");
        // Nothing else identifies a retry: the same body under another key is a second reversal.
        var second = await api.Reverse("V1", 50m, "2020-05-01", idempotencyKey: "rev-2");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(resent.Replayed);
        Assert.Equal(first.Raw, resent.Raw);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.False(second.Replayed);
        Assert.Equal(100m, (await api.Appropriation("P001")).Money("reversed"));
        Assert.Equal(2, await App.CountEventsAsync(api.District, "disbursement_reversed", "V1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_reversal_of_zero_or_less_is_a_400_naming_amount(int amount)
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);

        var answer = await api.Reverse("V1", amount, "2020-05-01");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["amount"], answer.ErrorFields);
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_reversed"));
    }

    [Fact]
    public async Task A_reversal_dated_after_the_year_is_a_400_naming_reversedOn()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);

        var late = await api.Reverse("V1", 1m, "2021-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Equal(["reversedOn"], late.ErrorFields);
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_reversed"));
    }

    [Fact]
    public async Task A_voucher_of_another_year_is_not_found_in_this_one()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);
        var next = api.InYear(2021);
        await next.Enact("P001", 1_000m);

        var answer = await next.Reverse("V1", 1m, "2021-03-01");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("https://fundledger.org/problems/disbursement-not-found", answer.Text("type"));
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_reversed"));
        Assert.Equal(300m, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task Concurrent_reversals_of_one_voucher_never_reverse_more_than_was_paid()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Disburse("P001", "V1", 300m);

        // Ten reversals of 70 against 300 paid: exactly four fit, whatever order the lock gives them, and 20 is left.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => api.Reverse("V1", 70m, "2020-05-01", $"R{i}")));

        Assert.Equal(4, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
            Assert.Equal("https://fundledger.org/problems/reversal-exceeds-disbursement", a.Text("type")));
        var read = await api.Appropriation("P001");
        Assert.Equal(280m, read.Money("reversed"));
        Assert.Equal(20m, read.Money("executed"));
        Assert.Equal(4, await App.CountEventsAsync(api.District, "disbursement_reversed", "V1"));
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
