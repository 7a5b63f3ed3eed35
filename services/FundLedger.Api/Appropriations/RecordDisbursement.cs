using System.Text.Json.Serialization;
using FundLedger.Http;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;
using FundLedger.Procurement;

namespace FundLedger.Appropriations;

/// <summary>Recording a payment: the checks of the request and the budget-control decision.</summary>
public static class RecordDisbursement
{
    /// <summary>A voucher number is unique in its district: the claim a payment takes on it.</summary>
    public static KeyClaim VoucherClaim(string voucherNo) =>
        new($"voucher:{voucherNo}", "duplicate-voucher", $"Voucher {voucherNo} was already recorded with a different body");

    public sealed record Command(
        string AppropriationCode, int Year, string VoucherNo, Money Amount, DateOnly PaidOn, string? CostItem, string? Payee, string? Memo)
    {
        /// <summary>
        /// The 经济分类 the payment names, or null for its line's. Left out of <see cref="CommandHash"/>'s form, which must
        /// stay what it was for claims recorded before the request fingerprint.
        /// </summary>
        [JsonIgnore] public string? EconomicClass { get; init; }

        /// <summary>The 政府采购 contract the payment is made under, or null (left out of the old form for the same reason).</summary>
        [JsonIgnore] public string? ContractNo { get; init; }

        /// <summary>
        /// 公务接待 批次 and 人次, and the kind of 公务用车运行维护 (the 三公 details; left out of the old form too).
        /// </summary>
        [JsonIgnore] public int? Receptions { get; init; }
        [JsonIgnore] public int? Guests { get; init; }
        [JsonIgnore] public VehicleExpense? VehicleExpense { get; init; }
    }

    public static Validated<Command> Validate(int year, string? appropriationCode, RecordDisbursementRequest r, string prefix = "")
    {
        var f = new Fields(prefix);
        var code = f.Code("appropriationCode", appropriationCode);
        var voucher = f.Code("voucherNo", r.VoucherNo);
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var paidOn = f.Date("paidOn", r.PaidOn);
        if (paidOn != default && paidOn.Year != year) f.Add("paidOn", $"must fall in the fiscal year {year}");
        var costItem = f.Text("costItem", r.CostItem);
        var payee = f.Text("payee", r.Payee);
        var memo = f.Text("memo", r.Memo, 500);
        var economicClass = EconomicClassification.Validate(f, "economicClass", r.EconomicClass, year);
        var contractNo = r.ContractNo is null ? null : f.Code("contractNo", r.ContractNo);
        if (r.Receptions is < 1) f.Add("receptions", "must be at least 1");
        if (r.Guests is < 1) f.Add("guests", "must be at least 1");
        if (r.Guests is not null && r.Receptions is null) f.Add("receptions", "is required with guests: 人次 are counted per 批次");
        if (r.Guests < r.Receptions) f.Add("guests", "must be at least receptions: every 批次 received someone");
        VehicleExpense? vehicle = r.VehicleExpense is null ? null
            : f.Choice("vehicleExpense", r.VehicleExpense, Wire.Names<VehicleExpense>());
        return Validated<Command>.From(f, () =>
            new Command(code, year, voucher, amount, paidOn, costItem, payee, memo)
            {
                EconomicClass = economicClass, ContractNo = contractNo, Receptions = r.Receptions, Guests = r.Guests,
                VehicleExpense = vehicle,
            });
    }

    /// <summary>
    /// Hard control (the default, as 国库集中支付 works) refuses a payment beyond the available balance;
    /// advisory control records it and flags it so the overspend shows in the read model. A payment naming a contract is decided
    /// on the contract too (<paramref name="contract"/>, null when none of that number exists).
    /// </summary>
    public static (DisbursementRecorded? Event, Refusal? Refusal) Decide(Appropriation state, Command c, Actor actor, DateTimeOffset now,
        ProcurementContract? contract = null)
    {
        if (ClosedYear.Check(state) is { } closed) return (null, closed);
        if (c.EconomicClass is { } named && !EconomicClassification.Refines(state.EconomicClass, named))
            return (null, Refusal.Invalid("economicClass", $"must be {state.EconomicClass} or one of its 款: appropriation {state.Code} " +
                $"is budgeted on {state.EconomicClass}, and a payment may only name that class more precisely"));
        if (PublicExpenses.CheckDetails(c.EconomicClass ?? state.EconomicClass, c.Receptions, c.Guests, c.VehicleExpense) is { } details)
            return (null, details);
        if (c.ContractNo is { } contractNo && (contract is null
                ? ProcurementContract.NotFound(c.Year, contractNo) : contract.CheckPayment(state, c.Amount)) is { } badContract)
            return (null, badContract);
        var overBudget = c.Amount > state.Available;
        if (overBudget && state.Control == BudgetControl.Hard)
            return (null, new Refusal(409, "budget-exceeded", "The disbursement exceeds the available balance",
                $"Appropriation {state.Code} has {state.Available} available (adjusted {state.Adjusted}, executed {state.Executed}); " +
                $"voucher {c.VoucherNo} asks for {c.Amount}. Nothing was recorded."));

        return (new DisbursementRecorded(c.VoucherNo, state.Code, state.Year, c.Amount, c.PaidOn, c.CostItem, c.Payee, c.Memo,
            overBudget, actor.Subject, actor.ClientId, now, c.EconomicClass, c.ContractNo, c.Receptions, c.Guests, c.VehicleExpense), null);
    }

    public static DisbursementReceipt Receipt(DisbursementRecorded e, Appropriation after) => new(
        e.VoucherNo, e.AppropriationCode, e.Year, e.Amount.Yuan, e.PaidOn, Quarter.Of(e.PaidOn), e.OverBudget,
        after.Available.Yuan, after.Version, e.RecordedAt);

    /// <summary>
    /// A payment's fingerprint, the same whether it was posted alone (the appropriation in the path) or as a batch item
    /// (naming it), so a voucher posted one way and retried the other replays.
    /// </summary>
    public static string Fingerprint(RecordDisbursementRequest request, int year, string? appropriationCode) =>
        RequestFingerprint.Of("disburse", request, ("appropriationCode", appropriationCode), ("year", year));

    /// <summary>A payment against one appropriation, held under its lock; claims the voucher (and the Idempotency-Key).</summary>
    public sealed class Write(string district, Command command, string fingerprint, string? idempotencyKey)
        : LedgerWrite("disburse", district)
    {
        public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.With(VoucherClaim(command.VoucherNo), idempotencyKey);
        public override string RequestHash => fingerprint;
        public override string? EarlierRequestHash => CommandHash.Of("disburse", command);

        public override void Declare(WriteNeeds needs)
        {
            needs.LockLine(District, command.Year, command.AppropriationCode);
            if (command.ContractNo is { } contractNo) needs.LockContract(District, command.Year, contractNo);
        }

        public override Decided Run(WriteScope scope)
        {
            if (scope.Line(command.Year, command.AppropriationCode) is not { } line)
                return Decided.Refused(Appropriation.NotFound(command.Year, command.AppropriationCode));
            var contract = command.ContractNo is { } contractNo ? scope.Contract(command.Year, contractNo) : null;
            var (recorded, refusal) = Decide(line, command, scope.Actor, scope.Now, contract);
            return refusal is not null ? Decided.Refused(refusal) : Decided.Answer(201, Receipt(recorded!, scope.Append(line, recorded!)));
        }
    }
}

[Tags("Disbursements")]
public static class RecordDisbursementEndpoint
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
}
