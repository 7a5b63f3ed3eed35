using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using Marten;

namespace FundLedger.Disbursements;

/// <summary>
/// Up to <see cref="MaxItems"/> disbursements in one transaction: each item is decided on its own, in order,
/// against the figures the items before it left; refused items record nothing and the others are recorded.
/// </summary>
public sealed class BatchDisbursements(int year, IReadOnlyList<BatchDisbursementItem?> items, Actor actor, JsonSerializerOptions json)
{
    public const int MaxItems = 1000;

    private readonly List<(int Index, RecordDisbursement.Command? Command, Refusal? Refusal)> _checked = items
        .Select((item, i) =>
        {
            if (item is null) return (i, (RecordDisbursement.Command?)null, (Refusal?)Refusal.Invalid($"items[{i}]", "must be an object"));
            var (command, refusal) = RecordDisbursement.Validate(year, item.AppropriationCode, item, $"items[{i}].");
            return (i, command, refusal);
        }).ToList();

    private readonly Dictionary<string, AppropriationLock> _held = new();
    private Dictionary<string, IdempotencyRecord> _earlier = new();

    private IEnumerable<RecordDisbursement.Command> Valid => _checked.Where(c => c.Command is not null).Select(c => c.Command!);

    /// <summary>Locks every appropriation the batch touches, in key order so two batches never deadlock.</summary>
    public async Task<Refusal?> PrepareAsync(IDocumentSession session, CancellationToken ct)
    {
        foreach (var code in Valid.Select(c => c.AppropriationCode).Distinct().Order(StringComparer.Ordinal))
        {
            var held = new AppropriationLock(year, code);
            if (await held.TakeAsync(session, ct) is null) _held[code] = held;
        }
        var vouchers = Valid.Select(c => Claim.Voucher(c.VoucherNo).Key).Distinct().ToArray();
        _earlier = (await session.LoadManyAsync<IdempotencyRecord>(ct, vouchers)).ToDictionary(r => r.Id);
        return null;
    }

    public Outcome Decide(IDocumentSession session, DateTimeOffset now)
    {
        var results = _checked.Select(c => c.Command is null
            ? Refused(c.Index, null, c.Refusal!)
            : DecideOne(session, c.Index, c.Command, now)).ToList();
        return Outcome.Answer(200, new BatchDisbursementsResult(year,
            results.Count(r => r.Outcome == "recorded"), results.Count(r => r.Outcome == "replayed"), results.Count(r => r.Outcome == "refused"), results),
            afterCommit: () => CountItems(results));
    }

    private BatchItemResult DecideOne(IDocumentSession session, int index, RecordDisbursement.Command command, DateTimeOffset now)
    {
        var claim = Claim.Voucher(command.VoucherNo);
        var hash = RequestHash.Of("disburse", command);
        if (_earlier.TryGetValue(claim.Key, out var earlier))
            return earlier.RequestHash == hash
                ? new BatchItemResult(index, command.VoucherNo, "replayed", earlier.Status, JsonSerializer.Deserialize<DisbursementReceipt>(earlier.Body, json), null)
                : Refused(index, command.VoucherNo, Refusal.Conflict(claim.ConflictType, claim.ConflictTitle, $"{claim.ConflictTitle}. Nothing was recorded."));

        if (!_held.TryGetValue(command.AppropriationCode, out var held))
            return Refused(index, command.VoucherNo, AppropriationLock.NotFound(year, command.AppropriationCode));

        var (recorded, refusal) = RecordDisbursement.Decide(held.State, command, actor, now);
        if (refusal is not null) return Refused(index, command.VoucherNo, refusal);

        var receipt = RecordDisbursement.Receipt(recorded!, held.Append(recorded!));
        var record = new IdempotencyRecord { Id = claim.Key, RequestHash = hash, Status = 201, Body = JsonSerializer.Serialize(receipt, json), RecordedAt = now };
        session.Insert(record);
        // A voucher repeated later in the same batch is a retry of this item.
        _earlier[claim.Key] = record;
        return new BatchItemResult(index, command.VoucherNo, "recorded", 201, receipt, null);
    }

    private static void CountItems(IEnumerable<BatchItemResult> results)
    {
        var operation = new KeyValuePair<string, object?>("fundledger.operation", "batch");
        foreach (var item in results)
        {
            if (item.Outcome == "replayed") LedgerTelemetry.IdempotentReplays.Add(1, operation);
            if (item.Problem is { } problem) LedgerTelemetry.Refusals.Add(1, operation, new("fundledger.problem", problem.Type[Problems.TypeBase.Length..]));
        }
    }

    private static BatchItemResult Refused(int index, string? voucherNo, Refusal r) =>
        new(index, voucherNo, "refused", r.Status, null, new BatchItemProblem(Problems.TypeUri(r.Type), r.Title, r.Detail, r.Errors));
}
