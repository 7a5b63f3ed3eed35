using System.Net;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// The README's Idempotency-Key rule on every write besides the single disbursement (whose own test is in
/// Disbursements/): the same key and request is the first answer again, the same key on another request is 409
/// idempotency-key-reused and records nothing.
/// </summary>
public sealed class IdempotencyKeyTests(LedgerApp app) : LedgerTest(app)
{
    private const string Reused = "https://fundledger.org/problems/idempotency-key-reused";

    [Theory]
    [InlineData("enact")]
    [InlineData("adjust")]
    [InlineData("reverse")]
    [InlineData("carry-forward")]
    [InlineData("batch")]
    public async Task A_key_used_for_one_request_refuses_another_and_replays_its_own(string write)
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        await api.Enact("P002", 1_000m);
        await api.Disburse("P001", "V1", 300m);
        var (first, other) = Requests(write);

        var answer = await first(api, "key-1");
        var events = await App.CountAllEventsAsync(api.District);
        var retry = await first(api, "key-1");
        var reused = await other(api, "key-1");

        Assert.True(answer.Status is HttpStatusCode.Created or HttpStatusCode.OK, answer.Raw);
        Assert.True(retry.Replayed, retry.Raw);
        Assert.Equal(answer.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal(Reused, reused.Text("type"));
        Assert.Equal(events, await App.CountAllEventsAsync(api.District));
    }

    /// <summary>A first request under a key, and another request that would be recorded on its own.</summary>
    private static (Func<Api, string, Task<Answer>> First, Func<Api, string, Task<Answer>> Other) Requests(string write) => write switch
    {
        "enact" => ((api, key) => api.Enact("P010", 100m, idempotencyKey: key), (api, key) => api.Enact("P011", 100m, idempotencyKey: key)),
        "adjust" => ((api, key) => api.Adjust("P001", "A1", "supplement", 10m, idempotencyKey: key),
            (api, key) => api.Adjust("P001", "A2", "supplement", 10m, idempotencyKey: key)),
        "reverse" => ((api, key) => api.Reverse("V1", 10m, "2020-06-30", idempotencyKey: key),
            (api, key) => api.Reverse("V1", 20m, "2020-06-30", idempotencyKey: key)),
        "carry-forward" => ((api, key) => api.CarryForward("P001", 100m, idempotencyKey: key),
            (api, key) => api.CarryForward("P002", 100m, idempotencyKey: key)),
        "batch" => ((api, key) => Batch(api, "B1", key), (api, key) => Batch(api, "B2", key)),
        _ => throw new ArgumentOutOfRangeException(nameof(write)),
    };

    private static Task<Answer> Batch(Api api, string voucher, string key) => api.Post("disbursements:batch",
        new { items = new[] { new { appropriationCode = "P002", voucherNo = voucher, amount = 5m, paidOn = "2020-05-01" } } }, key);
}
