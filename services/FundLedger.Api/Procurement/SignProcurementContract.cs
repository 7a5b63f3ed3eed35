using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Procurement;

/// <summary>Recording a procurement contract: the checks of the request and the event it becomes.</summary>
public static class SignProcurementContract
{
    public const string StreamType = "procurement-contract";

    public sealed record Command(
        int Year, string ContractNo, string DepartmentCode, string DepartmentName, ProcurementCategory Category, string SupplierName,
        SupplierSize SupplierSize, Money Amount, DateOnly SignedOn, string? Subject)
    {
        public ProcurementContractSigned ToEvent(Actor actor, DateTimeOffset now) => new(Year, ContractNo, DepartmentCode, DepartmentName,
            Category, SupplierName, SupplierSize, Amount, SignedOn, Subject, actor.Subject, actor.ClientId, now);
    }

    public static Validated<Command> Validate(int year, SignProcurementContractRequest r)
    {
        var f = new Fields();
        var contractNo = f.Code("contractNo", r.ContractNo);
        string departmentCode = "", departmentName = "";
        if (r.Department is null) f.Add("department", "is required");
        else
        {
            departmentCode = f.Code("department.code", r.Department.Code);
            departmentName = f.Required("department.name", r.Department.Name);
        }
        var category = f.Choice("category", r.Category, Wire.Names<ProcurementCategory>());
        string supplier = "";
        var size = SupplierSize.Large;
        if (r.Supplier is null) f.Add("supplier", "is required");
        else
        {
            supplier = f.Required("supplier.name", r.Supplier.Name);
            size = f.Choice("supplier.size", r.Supplier.Size, Wire.Names<SupplierSize>());
        }
        var amount = f.Amount("amount", r.Amount, mustBePositive: true);
        var signedOn = f.Date("signedOn", r.SignedOn);
        if (signedOn != default && signedOn.Year != year) f.Add("signedOn", $"must fall in the fiscal year {year}");
        var subject = f.Text("subject", r.Subject, 500);
        return Validated<Command>.From(f, () =>
            new Command(year, contractNo, departmentCode, departmentName, category, supplier, size, amount, signedOn, subject));
    }

    /// <summary>
    /// A new contract's stream, under the year's shared lock (a closed year takes no new contract). The contract number is
    /// claimed: the same body again replays the first answer, another is 409 duplicate-contract.
    /// </summary>
    public sealed class Write(string district, Command command, string fingerprint, string? idempotencyKey)
        : LedgerWrite("procurement-contract", district)
    {
        private string Id => ProcurementContract.KeyFor(command.Year, command.ContractNo);

        private readonly KeyClaim _number = new($"contract:{command.Year}/{command.ContractNo}", "duplicate-contract",
            $"Procurement contract {command.ContractNo} of {command.Year} was already recorded with a different body");

        public override IReadOnlyList<KeyClaim> Claims => KeyClaim.With(_number, idempotencyKey);
        public override string RequestHash => fingerprint;

        public override void Declare(WriteNeeds needs)
        {
            needs.ShareYear(District, command.Year);
            needs.LockStream(District, Id);
            needs.Read<ProcurementContract>(District, Id);
        }

        public override Decided Run(WriteScope scope)
        {
            if (scope.YearClosed(command.Year)) return Decided.Refused(ClosedYear.Refusal(command.Year));
            if (scope.Get<ProcurementContract>(Id) is not null)
                return Decided.Refused(Refusal.Conflict(_number.ConflictType, _number.ConflictTitle,
                    $"{_number.ConflictTitle}. Nothing was recorded."));
            scope.AppendTo(Id, command.ToEvent(scope.Actor, scope.Now), StreamType);
            return Decided.Answer(201, ProcurementFigures.Of(scope.Get<ProcurementContract>(Id)!),
                Location(District, command.Year, command.ContractNo));
        }
    }

    public static string Location(string district, int year, string contractNo) =>
        $"/api/v1/districts/{district}/years/{year}/procurement-contracts/{contractNo}";
}

[Tags("Procurement")]
public static class SignProcurementContractEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/procurement-contracts", OperationId = "SignProcurementContract")]
    [RequiresScope(Scopes.DisbursementWrite)]
    [EndpointSummary("Record a 政府采购 contract (货物/工程/服务, the supplier and its size, the amount)")]
    [EndpointDescription("Records ProcurementContractSigned. contractNo is unique in the district and year: the same body again " +
        "replays the first 201, another body is 409 duplicate-contract. Payments name it by contractNo; under hard control none " +
        "is paid beyond its amount. A closed year is 409 year-closed.")]
    [ProducesResponseType<ProcurementContractFigures>(201)]
    public static async Task<IResult> Sign(string district, int year, SignProcurementContractRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = SignProcurementContract.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new SignProcurementContract.Write(district, command!,
            RequestFingerprint.Of("procurement-contract", request, ("year", year)), idempotencyKey), http, idempotencyKey);
    }
}
