using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// One group of writes decided in memory, as the group commit decides it between its two round trips: each write sees
/// what the writes before it left, one refusal does not affect the others, and keys claimed earlier in the group replay.
/// </summary>
public sealed class GroupCommitTests
{
    private const string District = "110106";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Origin Origin = new(District, Build.Actor, "trace", "request", null, default);

    private static GroupState Group(params Appropriation[] lines) => new(LoadedState.Empty with
    {
        Documents = Documents(lines),
        StreamVersions = lines.ToDictionary(l => new DistrictKey(District, l.Id), l => l.Version),
    }, Json, new AppropriationProjection());

    private static Dictionary<DocumentKey, object> Documents(params Appropriation[] lines) =>
        lines.ToDictionary(l => new DocumentKey(typeof(Appropriation), new DistrictKey(District, l.Id)), l => (object)l);

    /// <summary>The appropriations the group's events changed, as they are after the last of them.</summary>
    private static List<KeyValuePair<DistrictKey, Appropriation>> ChangedLines(GroupState group) =>
        Changed<Appropriation>(group);

    private static List<KeyValuePair<DistrictKey, T>> Changed<T>(GroupState group) =>
        group.Changed.Where(c => c.Key.Type == typeof(T)).Select(c => KeyValuePair.Create(c.Key.Key, (T)c.Value)).ToList();

    private static RecordDisbursement.Write Pay(string code, string voucher, decimal amount, string? idempotencyKey = null) =>
        new(District, new RecordDisbursement.Command(code, 2020, voucher, Money.Of(amount), new DateOnly(2020, 5, 1), null, null, null),
            RequestFingerprint.Of("disburse", new { voucherNo = voucher, amount }, ("appropriationCode", code), ("year", 2020)),
            idempotencyKey);

    private static IReadOnlyList<WriteAnswer> Decide(GroupState group, params LedgerWrite[] writes) =>
        writes.Select(w => group.Decide(w, Origin, Build.Now)).ToList();

    [Fact]
    public void A_payment_that_an_earlier_write_of_the_group_left_no_room_for_is_refused_and_the_others_recorded()
    {
        var group = Group(Build.Line(1_000m));

        var answers = Decide(group, Pay("P001", "V1", 600m), Pay("P001", "V2", 500m), Pay("P001", "V3", 400m));

        Assert.Equal([201, 409, 201], answers.Select(a => a.Status));
        Assert.Equal("budget-exceeded", answers[1].Refusal!.Type);
        Assert.Contains("400.00 available", answers[1].Refusal!.Detail);
        Assert.Equal(0m, JsonDocument.Parse(answers[2].Body).RootElement.GetProperty("availableAfter").GetDecimal());
        Assert.Equal([("V1", 2L), ("V3", 3L)], group.Events.Select(e => (((DisbursementRecorded)e.Data).VoucherNo, e.Version)));
        Assert.Equal(Money.Of(1_000m), ChangedLines(group).Single().Value.Executed);
        Assert.Equal(["voucher:V1", "voucher:V3"], group.NewClaims.Select(c => c.Record.Id));
    }

    [Fact]
    public void Two_writes_claiming_one_voucher_record_it_once_the_same_body_replays_and_another_is_refused()
    {
        var group = Group(Build.Line(1_000m), Build.Line(1_000m, code: "P002"));

        var answers = Decide(group, Pay("P001", "V1", 100m), Pay("P001", "V1", 100m), Pay("P002", "V1", 100m));

        Assert.Equal(201, answers[0].Status);
        Assert.True(answers[1].Replayed);
        Assert.Equal(answers[0].Body, answers[1].Body);
        Assert.Equal("duplicate-voucher", answers[2].Refusal!.Type);
        Assert.Single(group.Events);
        Assert.DoesNotContain(ChangedLines(group).Select(c => c.Key), k => k.Id == "2020/P002");
    }

    [Fact]
    public void A_key_claimed_before_the_group_replays_the_remembered_answer_byte_for_byte()
    {
        var earlier = new IdempotencyRecord
        {
            Id = "voucher:V9", RequestHash = Pay("P001", "V9", 50m).RequestHash, Status = 201, Body = "{\"voucherNo\":\"V9\"}",
        };
        var group = new GroupState(LoadedState.Empty with
        {
            Documents = Documents(Build.Line(1_000m)),
            StreamVersions = new Dictionary<DistrictKey, long> { [new(District, "2020/P001")] = 1 },
            Claims = new Dictionary<DistrictKey, IdempotencyRecord> { [new(District, "voucher:V9")] = earlier },
        }, Json, new AppropriationProjection());

        var answers = Decide(group, Pay("P001", "V9", 50m), Pay("P001", "V9", 51m));

        Assert.True(answers[0].Replayed);
        Assert.Equal("{\"voucherNo\":\"V9\"}", answers[0].Body);
        Assert.Equal("duplicate-voucher", answers[1].Refusal!.Type);
        Assert.Empty(group.Events);
        Assert.Empty(group.NewClaims);
    }

    [Fact]
    public void An_idempotency_key_reused_for_another_request_in_the_same_group_is_refused()
    {
        var group = Group(Build.Line(1_000m));

        var answers = Decide(group, Pay("P001", "V1", 10m, "K-1"), Pay("P001", "V2", 10m, "K-1"));

        Assert.Equal(201, answers[0].Status);
        Assert.Equal("idempotency-key-reused", answers[1].Refusal!.Type);
        Assert.Single(group.Events);
    }

    [Fact]
    public void Writes_to_many_appropriations_and_to_a_missing_one_each_get_their_own_answer()
    {
        var lines = Enumerable.Range(1, 20).Select(i => Build.Line(100m, code: $"P{i:000}")).ToArray();
        var group = Group(lines);

        var answers = Decide(group,
            [.. lines.Select((l, i) => Pay(l.Code, $"V{i}", 60m)), Pay("P404", "V404", 1m), Pay("P001", "V-MORE", 60m)]);

        Assert.All(answers.Take(20), a => Assert.Equal(201, a.Status));
        Assert.Equal("appropriation-not-found", answers[20].Refusal!.Type);
        Assert.Equal("budget-exceeded", answers[21].Refusal!.Type);
        Assert.Equal(20, ChangedLines(group).Count);
        Assert.All(ChangedLines(group).Select(c => c.Value), l => Assert.Equal((Money.Of(60m), 2L), (l.Executed, l.Version)));
    }

    [Fact]
    public void A_batch_in_a_group_sees_the_single_payments_before_it_and_leaves_its_figures_to_those_after_it()
    {
        var group = Group(Build.Line(1_000m));
        var items = new List<BatchDisbursementItem?>
        {
            Item("B1", 300m),
            Item("B2", 300m),
        };

        var answers = Decide(group,
            Pay("P001", "V1", 500m), new BatchDisbursements(District, 2020, items, "batch-hash", null), Pay("P001", "V2", 200m));

        var batch = (BatchDisbursementsResult)answers[1].Value!;
        Assert.Equal((1, 1), (batch.Recorded, batch.Refused));
        Assert.Equal("budget-exceeded", batch.Items[1].Problem!.Type[^"budget-exceeded".Length..]);
        Assert.Equal(201, answers[2].Status);
        Assert.Equal(Money.Of(1_000m), ChangedLines(group).Single().Value.Executed);
    }

    private static BatchDisbursementItem Item(string voucher, decimal amount) =>
        new() { AppropriationCode = "P001", VoucherNo = voucher, Amount = amount, PaidOn = "2020-05-01" };

    [Fact]
    public void A_year_close_decided_again_after_a_failed_attempt_appends_the_same_lapses()
    {
        // The retry of a failed group runs each write again on freshly read state: nothing from the first attempt remains.
        var close = new YearClose.Write(District, 2020);
        var first = Group(Build.Line(1_000m, executed: 400m), Build.Line(50m, code: "P002"));
        var retry = Group(Build.Line(1_000m, executed: 400m), Build.Line(50m, code: "P002"));

        var answers = new[] { first.Decide(close, Origin, Build.Now), retry.Decide(close, Origin, Build.Now) };

        Assert.Equal(answers[0].Body, answers[1].Body);
        Assert.Equal(3, retry.Events.Count);
        Assert.Equal([Money.Of(600m), Money.Of(50m)], retry.Events.Select(e => e.Data).OfType<BalanceLapsed>().Select(l => l.Amount));
        Assert.True(Changed<FiscalYear>(retry).Single().Value.Closed);
    }
}
