using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Disbursements;

public sealed class BatchTests(LedgerApp app) : LedgerTest(app)
{
    private static object Item(string code, string voucher, object amount, string paidOn = "2020-07-01") =>
        new { appropriationCode = code, voucherNo = voucher, amount, paidOn };

    [Fact]
    public async Task Good_items_are_recorded_and_bad_ones_refused_with_their_reason()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Enact("P002", 100m);
        await api.Post("appropriations/P001/disbursements", new { voucherNo = "OLD", amount = 10m, paidOn = "2020-07-01" });

        var answer = await api.Post("disbursements:batch", new
        {
            items = new[]
            {
                Item("P001", "B1", 500m),
                Item("P002", "B2", 60m),
                Item("P002", "B3", 60m),            // over P002's remaining 40
                Item("P001", "B4", "1.001"),        // bad amount
                Item("NOPE", "B5", 1m),             // unknown appropriation
                Item("P001", "OLD", 10m),           // retry of an earlier voucher
                Item("P001", "OLD", 11m),           // same voucher, different body
                Item("P001", "B6", 1m, "2021-01-01"),
                Item("P001", "B1", 500m),           // repeated inside the batch
            },
        });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var outcomes = answer.Node("items")!.AsArray().Select(i => i!["outcome"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[] { "recorded", "recorded", "refused", "refused", "refused", "replayed", "refused", "refused", "replayed" },
            outcomes);
        var types = answer.Node("items")!.AsArray().Select(i => i!["problem"]?["type"]?.GetValue<string>()?.Split('/')[^1]).ToArray();
        Assert.Equal(
            new[] { null, null, "budget-exceeded", "validation", "appropriation-not-found", null, "duplicate-voucher", "validation", null },
            types);
        Assert.Equal("items[3].amount", answer.Node("items")![3]!["problem"]!["errors"]!.AsObject().Single().Key);
        Assert.Equal(2, answer.Node("recorded")!.GetValue<int>());

        Assert.Equal(510m, (await api.Appropriation("P001")).Money("executed"));
        Assert.Equal(60m, (await api.Appropriation("P002")).Money("executed"));
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded", "B3"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "B1"));
        // A single retry of a batch-recorded voucher gets the same receipt the batch gave.
        var retry = await api.Post("appropriations/P001/disbursements", new { voucherNo = "B1", amount = 500m, paidOn = "2020-07-01" });
        Assert.True(retry.Replayed);
        Assert.Equal(answer.Node("items")![0]!["receipt"]!.ToJsonString(), retry.Body!.ToJsonString());
    }

    [Fact]
    public async Task A_thousand_items_are_recorded_in_one_request_and_more_are_refused()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000_000m);
        await api.Enact("P002", 1_000_000m);
        var items = Enumerable.Range(0, 1000).Select(i => Item(i % 2 == 0 ? "P001" : "P002", $"N{i:0000}", 1.25m)).ToList();

        var answer = await api.Post("disbursements:batch", new { items });
        var tooMany = await api.Post("disbursements:batch", new { items = items.Append(Item("P001", "N9999", 1m)) });

        Assert.Equal(1000, answer.Node("recorded")!.GetValue<int>());
        Assert.Equal(625m, (await api.Appropriation("P001")).Money("executed"));
        Assert.Equal(625m, (await api.Appropriation("P002")).Money("executed"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(["items"], tooMany.ErrorFields);
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded", "N9999"));
    }

    [Fact]
    public async Task A_batch_with_an_Idempotency_Key_is_answered_once()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        var body = new { items = new[] { Item("P001", "K1", 5m), Item("P001", "K2", 6m) } };

        var first = await api.Post("disbursements:batch", body, "batch-1");
        var retry = await api.Post("disbursements:batch", body, "batch-1");

        Assert.Equal(first.Raw, retry.Raw);
        Assert.True(retry.Replayed);
        Assert.Equal(11m, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task An_empty_batch_is_a_400()
    {
        var api = NewDistrict();
        var answer = await api.Post("disbursements:batch", new { items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["items"], answer.ErrorFields);
    }
}
