using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Disbursements;

public sealed class DisbursementTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task A_disbursement_counts_in_the_quarter_of_its_payment_date()
    {
        var api = NewDistrict();
        await api.Enact("P001", 3_220_600.00m);
        await api.Disburse("P001", "V1", 929_285.00m, "2020-03-31");
        await api.Disburse("P001", "V2", 672_579.65m, "2020-04-01");
        await api.Disburse("P001", "V3", 689_461.60m, "2020-09-30");
        var last = await api.Disburse("P001", "V4", 617_518.40m, "2020-12-31");

        Assert.Equal(4, last.Node("quarter")!.GetValue<int>());
        var read = await api.Appropriation("P001");
        Assert.Equal(929_285.00m, read.Money("quarters.q1"));
        Assert.Equal(672_579.65m, read.Money("quarters.q2"));
        Assert.Equal(689_461.60m, read.Money("quarters.q3"));
        Assert.Equal(617_518.40m, read.Money("quarters.q4"));
        Assert.Equal(2_908_844.65m, read.Money("executed"));
        Assert.Equal(3_220_600.00m - 2_908_844.65m, read.Money("available"));
        Assert.Equal(90.32m, read.Money("executionRate"));
    }

    [Fact]
    public async Task Hard_control_refuses_a_payment_beyond_the_available_balance()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);
        await api.Disburse("P001", "V1", 999.99m);

        var refused = await api.Disburse("P001", "V2", 0.02m);
        var exact = await api.Disburse("P001", "V3", 0.01m);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal("https://fundledger.org/problems/budget-exceeded", refused.Text("type"));
        Assert.Equal(HttpStatusCode.Created, exact.Status);
        Assert.Equal(0.00m, exact.Money("availableAfter"));
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded", "V2"));
    }

    [Fact]
    public async Task Advisory_control_records_an_overspend_and_flags_it()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100.00m, control: "advisory");

        var over = await api.Disburse("P001", "V1", 150.00m);

        Assert.Equal(HttpStatusCode.Created, over.Status);
        Assert.True(over.Node("overBudget")!.GetValue<bool>());
        var read = await api.Appropriation("P001");
        Assert.True(read.Node("overBudget")!.GetValue<bool>());
        Assert.Equal(-50.00m, read.Money("available"));
        Assert.Equal(150.00m, read.Money("executionRate"));
    }

    [Theory]
    [InlineData("2019-12-31")]
    [InlineData("2021-01-01")]
    public async Task A_payment_date_outside_the_fiscal_year_is_refused(string paidOn)
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var answer = await api.Disburse("P001", "V1", 1m, paidOn);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["paidOn"], answer.ErrorFields);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task A_repeated_voucher_replays_the_original_answer_and_records_nothing()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        var first = await api.Disburse("P001", "V1", 100m);
        await api.Disburse("P001", "V2", 50m);
        var retry = await api.Disburse("P001", "V1", 100m);

        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Replayed);
        Assert.False(first.Replayed);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(150m, (await api.Appropriation("P001")).Money("executed"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "V1"));
    }

    [Fact]
    public async Task A_voucher_is_unique_in_the_district_whatever_the_appropriation()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Enact("P002", 1_000m);
        await api.Disburse("P001", "V1", 100m);

        var sameBody = await api.Disburse("P001", "V1", 101m);
        var otherLine = await api.Disburse("P002", "V1", 100m);

        Assert.Equal(HttpStatusCode.Conflict, sameBody.Status);
        Assert.Equal("https://fundledger.org/problems/duplicate-voucher", sameBody.Text("type"));
        Assert.Equal(HttpStatusCode.Conflict, otherLine.Status);
        Assert.Equal(0m, (await api.Appropriation("P002")).Money("executed"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "V1"));
    }

    [Fact]
    public async Task The_Idempotency_Key_replays_the_same_request_and_refuses_a_different_one()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        var first = await api.Disburse("P001", "V1", 100m, idempotencyKey: "k-1");
        var retry = await api.Disburse("P001", "V1", 100m, idempotencyKey: "k-1");
        var reused = await api.Disburse("P001", "V2", 100m, idempotencyKey: "k-1");
        var badKey = await api.Disburse("P001", "V3", 100m, idempotencyKey: "has space");

        Assert.Equal(first.Raw, retry.Raw);
        Assert.True(retry.Replayed);
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("https://fundledger.org/problems/idempotency-key-reused", reused.Text("type"));
        Assert.Equal(HttpStatusCode.BadRequest, badKey.Status);
        Assert.Equal(["Idempotency-Key"], badKey.ErrorFields);
        Assert.Equal(100m, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task A_refused_payment_is_not_remembered_so_it_can_succeed_after_a_supplement()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var refused = await api.Disburse("P001", "V1", 150m);
        await api.Adjust("P001", "S1", "supplement", 50m);
        var accepted = await api.Disburse("P001", "V1", 150m);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(HttpStatusCode.Created, accepted.Status);
        Assert.False(accepted.Replayed);
    }
}
