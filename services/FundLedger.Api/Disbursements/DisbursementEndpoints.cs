using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.Security;
using FundLedger.Ledger;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Disbursements;

[Tags("Disbursements")]
public static class DisbursementEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations/{code}/disbursements", OperationId = "RecordDisbursement")]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Record a disbursement (国库支付) against an appropriation")]
    [ProducesResponseType<DisbursementReceipt>(201)]
    public static async Task<IResult> Record(string district, int year, string code, RecordDisbursementRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = RecordDisbursement.Validate(year, code, request);
        if (invalid is not null) return invalid.ToResult(http);

        var held = new AppropriationLock(year, code);
        return await writer.WriteAsync("disburse", district, Claim.WithHeader(Claim.Voucher(command!.VoucherNo), idempotencyKey), RequestHash.Of("disburse", command),
            prepare: held.TakeAsync,
            decide: (_, now) =>
            {
                var (recorded, refusal) = RecordDisbursement.Decide(held.State, command, Actor.From(http.User), now);
                return refusal is not null ? Outcome.Refused(refusal) : Outcome.Answer(201, RecordDisbursement.Receipt(recorded!, held.Append(recorded!)));
            }, ct);
    }

    [WolverinePost("/api/v1/districts/{district}/years/{year}/disbursements/{voucherNo}/reversal", OperationId = "ReverseDisbursement")]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Reverse (冲销) part or all of a disbursement")]
    [ProducesResponseType<ReversalReceipt>(201)]
    public static async Task<IResult> Reverse(string district, int year, string voucherNo, ReverseDisbursementRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = ReverseDisbursement.Validate(year, voucherNo, request);
        if (invalid is not null) return invalid.ToResult(http);

        // Without a reversalId or Idempotency-Key two identical partial reversals are two reversals: nothing identifies a retry.
        var claims = new List<Claim>();
        if (command!.ReversalId is { } reversalId)
            claims.Add(new Claim($"reversal:{voucherNo}/{reversalId}", "reversal-conflict", $"Reversal {reversalId} of voucher {voucherNo} was already recorded with a different body"));
        if (idempotencyKey is not null) claims.Add(Claim.IdempotencyKey(idempotencyKey));

        AppropriationLock? held = null;
        Disbursement? paid = null;
        return await writer.WriteAsync("reverse", district, claims, RequestHash.Of($"reverse {year}", command),
            prepare: async (session, token) =>
            {
                var found = await session.LoadAsync<Disbursement>(voucherNo, token);
                if (found is null || found.Year != year)
                    return Refusal.NotFound("disbursement", $"There is no disbursement with voucher {voucherNo} in {year} for this district.");
                held = new AppropriationLock(year, found.AppropriationCode);
                if (await held.TakeAsync(session, token) is { } missing) return missing;
                // Read again under the appropriation's lock: a concurrent reversal may have committed meanwhile.
                session.Eject(found);
                paid = await session.LoadAsync<Disbursement>(voucherNo, token);
                return null;
            },
            decide: (_, now) =>
            {
                var (reversed, refusal) = ReverseDisbursement.Decide(held!.State, paid!, command, Actor.From(http.User), now);
                if (refusal is not null) return Outcome.Refused(refusal);
                var after = held.Append(reversed!);
                var reversedTotal = paid!.Reversed + reversed!.Amount;
                return Outcome.Answer(201, new ReversalReceipt(voucherNo, paid.AppropriationCode, year, reversed.Amount.Yuan,
                    reversedTotal.Yuan, (paid.Amount - reversedTotal).Yuan, reversed.ReversedOn, after.Version, now));
            }, ct);
    }
}

[Tags("Disbursements")]
public static class BatchDisbursementEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/disbursements:batch", OperationId = "RecordDisbursementBatch")]
    [RequestSizeLimit(BodyChecks.Batch)]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Record up to 1,000 disbursements, with a result per item")]
    [ProducesResponseType<BatchDisbursementsResult>(200)]
    public static async Task<IResult> Post(string district, int year, BatchDisbursementsRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        if (request.Items is not { Count: > 0 } items) return Refusal.Invalid("items", "must hold at least one disbursement").ToResult(http);
        if (items.Count > BatchDisbursements.MaxItems)
            return Refusal.Invalid("items", $"must hold at most {BatchDisbursements.MaxItems} disbursements, not {items.Count}").ToResult(http);

        var claims = idempotencyKey is null ? [] : new[] { Claim.IdempotencyKey(idempotencyKey) };
        BatchDisbursements? batch = null;
        return await writer.WriteAsync("batch", district, claims, RequestHash.Of("batch", request),
            prepare: (session, token) =>
            {
                // A fresh batch per attempt: a retry after a lost race must start from what is now committed.
                batch = new BatchDisbursements(year, items, Actor.From(http.User), json.Value.SerializerOptions);
                return batch.PrepareAsync(session, token);
            },
            decide: (session, now) => batch!.Decide(session, now), ct);
    }
}
