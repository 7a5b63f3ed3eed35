using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using System.Text.Json;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Appropriations;

/// <summary>
/// Up to <see cref="MaxItems"/> disbursements in one transaction: each item is decided on its own, in order,
/// against the figures the items before it left; refused items record nothing and the others are recorded.
/// The batch takes all its appropriations' locks in one statement and reads all its vouchers' claims in one query.
/// </summary>
public sealed class BatchDisbursements : LedgerWrite
{
    public const int MaxItems = 1000;

    private readonly int _year;

    /// <summary>Each item: the disbursement's own write and its voucher when it is valid, or why it is not.</summary>
    private readonly IReadOnlyList<(int Index, RecordDisbursement.Write? Write, string? VoucherNo, Refusal? Refusal)> _items;

    public BatchDisbursements(
        string district, int year, IReadOnlyList<BatchDisbursementItem?> items, string requestHash, string? idempotencyKey)
        : base("batch", district)
    {
        _year = year;
        _items = items.Select((item, i) =>
        {
            if (item is null) return (i, null, null, Refusal.Invalid($"items[{i}]", "must be an object"));
            var (command, refusal) = RecordDisbursement.Validate(year, item.AppropriationCode, item, $"items[{i}].");
            return command is null
                ? (i, null, null, refusal)
                : (i, new RecordDisbursement.Write(district, command, RecordDisbursement.Fingerprint(item, year, item.AppropriationCode),
                    idempotencyKey: null), command.VoucherNo, (Refusal?)null);
        }).ToList();
        RequestHash = requestHash;
        Claims = KeyClaim.HeaderOnly(idempotencyKey);
    }

    public override IReadOnlyList<KeyClaim> Claims { get; }
    public override string RequestHash { get; }
    public override int Size => _items.Count;

    /// <summary>What each valid item's own write declares: its appropriation's lock and its voucher's claim.</summary>
    public override void Declare(WriteNeeds needs)
    {
        foreach (var (_, write, _, _) in _items)
        {
            if (write is null) continue;
            write.Declare(needs);
            needs.ReadClaims(District, write.Claims);
        }
    }

    /// <summary>
    /// Each item decided as a single POST of it: the disbursement's own write (its claim, fingerprint and decision) run in
    /// the batch's place in the group, so a voucher repeated later in the batch is a retry of it.
    /// </summary>
    public override Decided Run(WriteScope scope)
    {
        var results = _items.Select(item => item.Write is null
                ? Refused(item.Index, null, item.Refusal!)
                : Answered(item.Index, item.VoucherNo!, scope.Decide(item.Write), scope.AnswerJson))
            .ToList();
        return Decided.Answer(200, new BatchDisbursementsResult(_year,
            results.Count(r => r.Outcome == "recorded"), results.Count(r => r.Outcome == "replayed"),
            results.Count(r => r.Outcome == "refused"), results));
    }

    private static BatchItemResult Answered(int index, string voucherNo, WriteAnswer answer, JsonSerializerOptions json)
    {
        if (answer.Refusal is { } refusal) return Refused(index, voucherNo, refusal);
        var receipt = answer.Value as DisbursementReceipt ?? JsonSerializer.Deserialize<DisbursementReceipt>(answer.Body, json);
        return new BatchItemResult(index, voucherNo, answer.Replayed ? "replayed" : "recorded", answer.Status, receipt, null);
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

[Tags("Disbursements")]
public static class BatchDisbursementsEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/disbursements:batch", OperationId = "RecordDisbursementBatch")]
    [RequestSizeLimit(BodyChecks.Batch)]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Record up to 1,000 disbursements, with a result per item")]
    [EndpointDescription("Up to 1,000 items, each naming its appropriationCode and decided as if posted alone: the answer has each " +
        "item's status and receipt or problem, and a refused item does not lose the others.")]
    [ProducesResponseType<BatchDisbursementsResult>(200)]
    public static async Task<IResult> Post(string district, int year, BatchDisbursementsRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        if (request.Items is not { Count: > 0 } items)
            return Refusal.Invalid("items", "must hold at least one disbursement").ToResult(http);
        if (items.Count > BatchDisbursements.MaxItems)
            return Refusal.Invalid("items", $"must hold at most {BatchDisbursements.MaxItems} disbursements, not {items.Count}")
                .ToResult(http);
        var batch = new BatchDisbursements(district, year, items, RequestFingerprint.Of("batch", request, ("year", year)), idempotencyKey);
        return await writer.WriteAsync(batch, http, idempotencyKey);
    }
}
