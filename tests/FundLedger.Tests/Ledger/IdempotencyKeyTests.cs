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
        var (path, first, other) = Requests(write);

        var answer = await api.Post(path, first, idempotencyKey: "key-1");
        var events = await App.CountAllEventsAsync(api.District);
        var retry = await api.Post(path, first, idempotencyKey: "key-1");
        var reused = await api.Post(path, other, idempotencyKey: "key-1");

        Assert.True(answer.Status is HttpStatusCode.Created or HttpStatusCode.OK, answer.Raw);
        Assert.True(retry.Replayed, retry.Raw);
        Assert.Equal(answer.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal(Reused, reused.Text("type"));
        Assert.Equal(events, await App.CountAllEventsAsync(api.District));
    }

    /// <summary>The write's path, a first request, and another request that would be recorded on its own.</summary>
    private static (string Path, object First, object Other) Requests(string write) => write switch
    {
        "enact" => ("appropriations", Enactment("P010"), Enactment("P011")),
        "adjust" => ("appropriations/P001/adjustments", Adjustment("A1"), Adjustment("A2")),
        "reverse" => ("disbursements/V1/reversal", Reversal(10m), Reversal(20m)),
        "carry-forward" => ("carry-forwards", CarryForward("P001"), CarryForward("P002")),
        "batch" => ("disbursements:batch", Batch("B1"), Batch("B2")),
        _ => throw new ArgumentOutOfRangeException(nameof(write)),
    };

    private static object Enactment(string code) => new
    {
        code, name = $"Line {code}", department = new { code = "D01", name = "Department" }, kind = "basic",
        functionClass = "2070899", fundSource = "general-budget", originalAmount = 100m, enactedOn = "2020-01-01",
    };

    private static object Adjustment(string id) =>
        new { adjustmentId = id, type = "supplement", amount = 10m, reason = "追加", effectiveOn = "2020-06-30" };

    private static object Reversal(decimal amount) => new { amount, reason = "退款", reversedOn = "2020-06-30" };

    private static object CarryForward(string code) =>
        new { appropriationCode = code, amount = 100m, kind = "treasury-returnable", reason = "项目未完工" };

    private static object Batch(string voucher) =>
        new { items = new[] { new { appropriationCode = "P002", voucherNo = voucher, amount = 5m, paidOn = "2020-05-01" } } };
}
