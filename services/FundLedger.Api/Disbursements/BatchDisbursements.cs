using System.Text.Json;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Disbursements;

/// <summary>
/// Up to <see cref="MaxItems"/> disbursements in one transaction: each item is decided on its own, in order,
/// against the figures the items before it left; refused items record nothing and the others are recorded.
/// The batch takes all its appropriations' locks in one statement and reads all its vouchers' claims in one query.
/// </summary>
public sealed class BatchDisbursements : LedgerWrite
{
    public const int MaxItems = 1000;

    private readonly int _year;
    private readonly IReadOnlyList<(int Index, RecordDisbursement.Command? Command, Refusal? Refusal, string Fingerprint)> _items;

    public BatchDisbursements(
        string district, int year, IReadOnlyList<BatchDisbursementItem?> items, string requestHash, string? idempotencyKey)
        : base("batch", district)
    {
        _year = year;
        _items = items.Select((item, i) =>
        {
            if (item is null) return (i, null, Refusal.Invalid($"items[{i}]", "must be an object"), "");
            var (command, refusal) = RecordDisbursement.Validate(year, item.AppropriationCode, item, $"items[{i}].");
            return (i, command, refusal, RecordDisbursement.Fingerprint(item, year, item.AppropriationCode));
        }).ToList();
        RequestHash = requestHash;
        Claims = KeyClaim.HeaderOnly(idempotencyKey);
    }

    public override IReadOnlyList<KeyClaim> Claims { get; }
    public override string RequestHash { get; }
    public override int Size => _items.Count;

    private IEnumerable<RecordDisbursement.Command> Valid => _items.Where(c => c.Command is not null).Select(c => c.Command!);

    public override void Declare(WriteNeeds needs)
    {
        foreach (var command in Valid)
        {
            needs.LockLine(District, _year, command.AppropriationCode);
            needs.ReadClaims(District, [KeyClaim.Voucher(command.VoucherNo)]);
        }
    }

    public override Decided Run(WriteScope scope)
    {
        var results = _items
            .Select(c => c.Command is null ? Refused(c.Index, null, c.Refusal!) : RunOne(scope, c.Index, c.Command, c.Fingerprint))
            .ToList();
        return Decided.Answer(200, new BatchDisbursementsResult(_year,
            results.Count(r => r.Outcome == "recorded"), results.Count(r => r.Outcome == "replayed"),
            results.Count(r => r.Outcome == "refused"), results));
    }

    /// <summary>
    /// One item, exactly as a single POST of it would be decided; a voucher repeated later in the batch is a retry of it.
    /// </summary>
    private static BatchItemResult RunOne(WriteScope scope, int index, RecordDisbursement.Command command, string hash)
    {
        var claims = new[] { KeyClaim.Voucher(command.VoucherNo) };
        if (scope.Settled(claims, hash, CommandHash.Of("disburse", command)) is { } earlier)
            return earlier.Refusal is { } conflict
                ? Refused(index, command.VoucherNo, conflict)
                : new BatchItemResult(index, command.VoucherNo, "replayed", earlier.Status,
                    JsonSerializer.Deserialize<DisbursementReceipt>(earlier.Body, scope.AnswerJson), null);
        if (scope.Line(command.Year, command.AppropriationCode) is not { } line)
            return Refused(index, command.VoucherNo, Appropriations.Appropriation.NotFound(command.Year, command.AppropriationCode));

        var (recorded, refusal) = RecordDisbursement.Decide(line, command, scope.Actor, scope.Now);
        if (refusal is not null) return Refused(index, command.VoucherNo, refusal);
        var receipt = RecordDisbursement.Receipt(recorded!, scope.Append(line, recorded!));
        scope.Remember(claims, hash, Decided.Answer(201, receipt));
        return new BatchItemResult(index, command.VoucherNo, "recorded", 201, receipt, null);
    }

    public override void Committed(WriteAnswer answer)
    {
        if (answer.Value is not BatchDisbursementsResult result) return;
        var operation = new KeyValuePair<string, object?>("fundledger.operation", Operation);
        foreach (var item in result.Items)
        {
            if (item.Outcome == "replayed") LedgerTelemetry.IdempotentReplays.Add(1, operation);
            if (item.Problem is { } problem)
                LedgerTelemetry.Refusals.Add(1, operation, new("fundledger.problem", problem.Type[Problems.TypeBase.Length..]));
        }
    }

    private static BatchItemResult Refused(int index, string? voucherNo, Refusal r) =>
        new(index, voucherNo, "refused", r.Status, null, new BatchItemProblem(Problems.TypeUri(r.Type), r.Title, r.Detail, r.Errors));
}
