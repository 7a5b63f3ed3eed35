using FundLedger.Http;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>冲销: a reversal is a new event linked to the disbursement, never more than what is left of it.</summary>
public static class ReverseDisbursement
{
    public sealed record Command(string VoucherNo, Money? Amount, string Reason, DateOnly ReversedOn, string? ReversalId);

    public static Validated<Command> Validate(int year, string voucherNo, ReverseDisbursementRequest r)
    {
        var f = new Fields();
        var voucher = f.Code("voucherNo", voucherNo);
        Money? amount = r.Amount is null ? null : f.Amount("amount", r.Amount, mustBePositive: true);
        var reason = f.Required("reason", r.Reason, 500);
        var reversedOn = f.Date("reversedOn", r.ReversedOn);
        if (reversedOn != default && reversedOn.Year != year) f.Add("reversedOn", $"must fall in the fiscal year {year}");
        var reversalId = r.ReversalId is null ? null : f.Code("reversalId", r.ReversalId);
        return Validated<Command>.From(f, () => new Command(voucher, amount, reason, reversedOn, reversalId));
    }

    public static (DisbursementReversed? Event, Refusal? Refusal) Decide(
        Appropriation line, Disbursement paid, Command c, Actor actor, DateTimeOffset now)
    {
        if (ClosedYear.Check(line) is { } closed) return (null, closed);
        if (!paid.Remaining.IsPositive)
            return (null, Refusal.Conflict("already-reversed", "The disbursement is already fully reversed",
                $"Voucher {paid.Id} paid {paid.Amount} and {paid.Reversed} has been reversed. Nothing was recorded."));
        var amount = c.Amount ?? paid.Remaining;
        if (amount > paid.Remaining)
            return (null, Refusal.Conflict("reversal-exceeds-disbursement", "The reversal is larger than what is left of the disbursement",
                $"Voucher {paid.Id} has {paid.Remaining} left to reverse (paid {paid.Amount}, reversed {paid.Reversed}), " +
                $"not {amount}. Nothing was recorded."));
        if (c.ReversedOn < paid.PaidOn)
            return (null, Refusal.Invalid("reversedOn", $"must not be before the payment date {paid.PaidOn:yyyy-MM-dd}"));

        return (new DisbursementReversed(paid.Id, c.ReversalId, amount, c.Reason, c.ReversedOn, actor.Subject, actor.ClientId, now,
            paid.EconomicClass, paid.ContractNo, paid.VehicleExpense), null);
    }

    public static Refusal NotFound(int year, string voucherNo) =>
        Refusal.NotFound("disbursement", $"There is no disbursement with voucher {voucherNo} in {year} for this district.");

    /// <summary>
    /// A reversal, held under the lock of the voucher's appropriation and of the contract it was paid under (both found before
    /// the group: a voucher never changes either) and decided on the voucher as read under those locks. Without a reversalId or
    /// Idempotency-Key two
    /// identical partial reversals are two reversals: nothing identifies a retry.
    /// </summary>
    public sealed class Write(
        string district, int year, string appropriationCode, string? contractNo, Command command, string fingerprint,
        string? idempotencyKey) : LedgerWrite("reverse", district)
    {
        public override IReadOnlyList<KeyClaim> Claims { get; } =
        [
            .. command.ReversalId is { } id
                ? [new KeyClaim($"reversal:{command.VoucherNo}/{id}", "reversal-conflict",
                    $"Reversal {id} of voucher {command.VoucherNo} was already recorded with a different body")]
                : Array.Empty<KeyClaim>(),
            .. KeyClaim.HeaderOnly(idempotencyKey),
        ];

        public override string RequestHash => fingerprint;
        public override string? EarlierRequestHash => CommandHash.Of($"reverse {year}", command);

        public override void Declare(WriteNeeds needs)
        {
            needs.LockLine(District, year, appropriationCode);
            needs.ReadVoucher(District, command.VoucherNo);
            if (contractNo is not null) needs.LockContract(District, year, contractNo);
        }

        public override Decided Run(WriteScope scope)
        {
            if (scope.Voucher(command.VoucherNo) is not { } paid || paid.Year != year)
                return Decided.Refused(NotFound(year, command.VoucherNo));
            if (scope.Line(year, paid.AppropriationCode) is not { } line)
                return Decided.Refused(Appropriation.NotFound(year, paid.AppropriationCode));
            var (reversed, refusal) = Decide(line, paid, command, scope.Actor, scope.Now);
            if (refusal is not null) return Decided.Refused(refusal);
            var after = scope.Append(line, reversed!);
            var reversedTotal = paid.Reversed + reversed!.Amount;
            return Decided.Answer(201, new ReversalReceipt(paid.Id, paid.AppropriationCode, year, reversed.Amount.Yuan,
                reversedTotal.Yuan, (paid.Amount - reversedTotal).Yuan, reversed.ReversedOn, after.Version, scope.Now));
        }
    }
}

[Tags("Disbursements")]
public static class ReverseDisbursementEndpoint
{
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

        // Which appropriation's (and contract's) lock the reversal needs: a voucher never moves, so this read needs no lock of its own.
        await using var session = store.QuerySession(district);
        if (await session.LoadAsync<Disbursement>(voucherNo, ct) is not { } paid || paid.Year != year)
            return ReverseDisbursement.NotFound(year, voucherNo).ToResult(http);
        return await writer.WriteAsync(
            new ReverseDisbursement.Write(district, year, paid.AppropriationCode, paid.ContractNo, command!,
                RequestFingerprint.Of("reverse", request, ("year", year), ("voucherNo", voucherNo)), idempotencyKey), http, idempotencyKey);
    }
}
