using FundLedger.Security;
using FundLedger.Ledger;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Disbursements;

[Tags("Disbursements")]
public static class DisbursementEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/disbursements", OperationId = "RecordDisbursement")]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Record a disbursement (国库支付) against an appropriation")]
    [EndpointDescription("Records DisbursementRecorded. voucherNo is unique in the district: a retry with the same body replays the " +
        "first 201, another body is 409 duplicate-voucher. Beyond the available balance of a hard-controlled line is 409 " +
        "budget-exceeded; paidOn must fall inside the year and gives the quarter.")]
    [ProducesResponseType<DisbursementReceipt>(201)]
    public static async Task<IResult> Record(string district, int year, string code, RecordDisbursementRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = RecordDisbursement.Validate(year, code, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new RecordDisbursement.Write(district, command!,
            RecordDisbursement.Fingerprint(request, year, code), idempotencyKey), http, idempotencyKey);
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/disbursements/{voucherNo}/reversal", OperationId = "ReverseDisbursement")]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Reverse (冲销) part or all of a disbursement")]
    [EndpointDescription("Records DisbursementReversed for amount, or for what is left of the voucher, and restores the balance. " +
        "reversalId (or the Idempotency-Key) makes a retry a replay; another body under the same reversalId is 409 reversal-conflict, " +
        "more than is left is 409 reversal-exceeds-disbursement.")]
    [ProducesResponseType<ReversalReceipt>(201)]
    public static async Task<IResult> Reverse(string district, int year, string voucherNo, ReverseDisbursementRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, LedgerStore store,
        CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = ReverseDisbursement.Validate(year, voucherNo, request);
        if (invalid is not null) return invalid.ToResult(http);

        // Which appropriation's lock the reversal needs: a voucher never moves, so this read needs no lock of its own.
        await using var session = store.QuerySession(district);
        if (await session.LoadAsync<Disbursement>(voucherNo, ct) is not { } paid || paid.Year != year)
            return ReverseDisbursement.NotFound(year, voucherNo).ToResult(http);
        return await writer.WriteAsync(
            new ReverseDisbursement.Write(district, year, paid.AppropriationCode, command!,
                RequestFingerprint.Of("reverse", request, ("year", year), ("voucherNo", voucherNo)), idempotencyKey), http, idempotencyKey);
    }
}

[Tags("Disbursements")]
public static class BatchDisbursementEndpoint
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
