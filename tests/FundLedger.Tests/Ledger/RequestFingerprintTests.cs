using System.Text.Json.Nodes;
using FundLedger.Appropriations;
using FundLedger.Kernel;
using FundLedger.Ledger;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// The request fingerprint is taken over the wire form, not the C# command: what a client can vary without asking for
/// something else (property order, 100 against "100.00", a field it leaves out) is one fingerprint, and what the contract
/// can grow (an optional field) changes none.
/// </summary>
public sealed class RequestFingerprintTests
{
    private static RecordDisbursementRequest Payment(decimal amount, string? memo = null) => new()
    {
        VoucherNo = "V1", Amount = amount, PaidOn = "2020-05-20", CostItem = "印刷费", Memo = memo,
    };

    /// <summary>The contract's request as it was, and as it would be with an optional field added.</summary>
    private sealed record Before(string? VoucherNo, string? PaidOn);

    private sealed record After(string? VoucherNo, string? PaidOn, string? Channel = null);

    [Fact]
    public void One_amount_written_two_ways_and_fields_in_another_order_are_one_request()
    {
        var number = RecordDisbursement.Fingerprint(Payment(100m), 2020, "P001");
        var scaled = RecordDisbursement.Fingerprint(Payment(100.00m), 2020, "P001");
        Assert.Equal(number, scaled);
        Assert.Equal(
            RequestFingerprint.Canonical(JsonNode.Parse("""{"b":1.50,"a":{"y":"x","z":null}}""")),
            RequestFingerprint.Canonical(JsonNode.Parse("""{"a":{"y":"x"},"b":1.5}""")));
    }

    [Fact]
    public void An_optional_field_added_to_the_contract_changes_no_fingerprint()
    {
        Assert.Equal(RequestFingerprint.Of("disburse", new Before("V1", "2020-05-20")),
            RequestFingerprint.Of("disburse", new After("V1", "2020-05-20")));
        Assert.NotEqual(RequestFingerprint.Of("disburse", new Before("V1", "2020-05-20")),
            RequestFingerprint.Of("disburse", new After("V1", "2020-05-20", "treasury")));
    }

    [Fact]
    public void A_field_sent_with_the_value_assumed_without_it_is_the_request_without_it()
    {
        (string, object?)[] hard = [("control", "hard")];
        Assert.Equal(RequestFingerprint.Of("enact", new { code = "P1" }, [("year", 2020)], hard),
            RequestFingerprint.Of("enact", new { code = "P1", control = "hard" }, [("year", 2020)], hard));
        Assert.NotEqual(RequestFingerprint.Of("enact", new { code = "P1" }, [("year", 2020)], hard),
            RequestFingerprint.Of("enact", new { code = "P1", control = "advisory" }, [("year", 2020)], hard));
    }

    [Fact]
    public void What_a_request_asks_for_changes_its_fingerprint()
    {
        var paid = RecordDisbursement.Fingerprint(Payment(100m), 2020, "P001");
        Assert.NotEqual(paid, RecordDisbursement.Fingerprint(Payment(100.01m), 2020, "P001"));
        Assert.NotEqual(paid, RecordDisbursement.Fingerprint(Payment(100m, memo: "second"), 2020, "P001"));
        Assert.NotEqual(paid, RecordDisbursement.Fingerprint(Payment(100m), 2020, "P002"));
        Assert.NotEqual(paid, RecordDisbursement.Fingerprint(Payment(100m), 2021, "P001"));
        Assert.NotEqual(paid, RequestFingerprint.Of("reverse", Payment(100m), ("appropriationCode", "P001"), ("year", 2020)));
    }

    [Fact]
    public void A_payment_posted_alone_and_as_a_batch_item_is_one_request()
    {
        var item = new BatchDisbursementItem
        {
            AppropriationCode = "P001", VoucherNo = "V1", Amount = 100m, PaidOn = "2020-05-20", CostItem = "印刷费",
        };
        Assert.Equal(RecordDisbursement.Fingerprint(Payment(100m), 2020, "P001"),
            RecordDisbursement.Fingerprint(item, 2020, item.AppropriationCode));
    }

    /// <summary>
    /// The canonical form itself is the contract between releases: a claim recorded today must match the same request
    /// retried after any refactor, so its text is pinned here and changes only with <see cref="RequestFingerprint.Version"/>.
    /// </summary>
    [Fact]
    public void The_canonical_form_is_the_versioned_wire_form()
    {
        Assert.Equal("v2:", RequestFingerprint.Version);
        var wire = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Payment(1234.5m),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
        Assert.Equal("""{"amount":1234.5,"costItem":"\u5370\u5237\u8D39","paidOn":"2020-05-20","voucherNo":"V1"}""",
            RequestFingerprint.Canonical(wire));
    }
}
