using FundLedger.Http;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Ledger;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>Enacting an appropriation: the checks of the request, and the event it becomes.</summary>
public static class EnactAppropriation
{
    public sealed record Command(
        string Code, int Year, string Name, string DepartmentCode, string DepartmentName, string? ProjectCode,
        AppropriationKind Kind, string FunctionClass, string? EconomicClass, FundSource FundSource,
        Money OriginalAmount, BudgetControl Control, string? Document, DateOnly EnactedOn)
    {
        /// <summary>年初预算 by 款; left out of the old fingerprint's form, like every field added since.</summary>
        [System.Text.Json.Serialization.JsonIgnore] public IReadOnlyList<EconomicBudget>? EconomicBudgets { get; init; }

        public AppropriationEnacted ToEvent(Actor actor, DateTimeOffset now) => new(
            Code, Year, Name, DepartmentCode, DepartmentName, ProjectCode, Kind, FunctionClass, EconomicClass,
            FundSource, OriginalAmount, Control, Document, EnactedOn, actor.Subject, actor.ClientId, now, EconomicBudgets);
    }

    public static Validated<Command> Validate(int year, EnactAppropriationRequest r)
    {
        var f = new Fields();
        var code = f.Code("code", r.Code);
        var name = f.Required("name", r.Name);
        string departmentCode = "", departmentName = "";
        if (r.Department is null) f.Add("department", "is required");
        else
        {
            departmentCode = f.Code("department.code", r.Department.Code);
            departmentName = f.Required("department.name", r.Department.Name);
        }
        var projectCode = r.ProjectCode is null ? null : f.Code("projectCode", r.ProjectCode);
        var kind = f.Choice("kind", r.Kind, Wire.Names<AppropriationKind>());
        var functionClass = f.Required("functionClass", r.FunctionClass, 7);
        if (functionClass.Length > 0 && !FunctionCode.IsValid(functionClass))
            f.Add("functionClass", "must be a 7-digit 功能分类 code such as 2070899");
        var economicClass = EconomicClassification.Validate(f, "economicClass", r.EconomicClass, year);
        var fundSource = f.Choice("fundSource", r.FundSource, Wire.Names<FundSource>());
        var original = f.Amount("originalAmount", r.OriginalAmount, mustBePositive: false);
        var control = f.Choice("control", r.Control, Wire.Names<BudgetControl>(), BudgetControl.Hard);
        var document = f.Text("document", r.Document);
        var enactedOn = f.Date("enactedOn", r.EnactedOn);
        // Budgets are enacted before the year opens (年初预算 passes in the previous winter), so the year before counts.
        if (enactedOn != default && (enactedOn.Year < year - 1 || enactedOn.Year > year))
            f.Add("enactedOn", $"must fall in {year - 1} or {year}");

        var budgets = EconomicBudgets(f, r.EconomicBudgets, economicClass, original, year);

        return Validated<Command>.From(f, () => new Command(code, year, name, departmentCode, departmentName, projectCode,
            kind, functionClass, economicClass, fundSource, original, control, document, enactedOn)
        { EconomicBudgets = budgets });
    }

    /// <summary>年初预算 by 款: each a 款 of the line's 类, once, ≥ 0, together at most the line's budget.</summary>
    private static IReadOnlyList<EconomicBudget>? EconomicBudgets(Fields f, IReadOnlyList<EconomicBudgetInput>? inputs,
        string? lineClass, Money original, int year)
    {
        if (inputs is null) return null;
        var budgets = new List<EconomicBudget>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"economicBudgets[{i}]";
            var code = EconomicClassification.Validate(f, $"{field}.economicClass", inputs[i].EconomicClass, year);
            if (code is null) f.Add($"{field}.economicClass", "is required");
            else if (lineClass is not { Length: 3 } || code.Length != 5 || !EconomicClassification.Refines(lineClass, code))
                f.Add($"{field}.economicClass", $"must be a 款 of the line's economicClass ({lineClass ?? "none"})");
            else if (budgets.Any(b => b.EconomicClass == code)) f.Add($"{field}.economicClass", $"{code} is given twice");
            var amount = f.Amount($"{field}.amount", inputs[i].Amount, mustBePositive: false);
            if (code is not null) budgets.Add(new EconomicBudget(code, amount));
        }
        if (budgets.Sum(b => b.Amount) > original) f.Add("economicBudgets", $"together exceed originalAmount ({original})");
        return budgets;
    }

    /// <summary>The request's fingerprint: hard control sent is the same as left out (the default).</summary>
    public static string Fingerprint(EnactAppropriationRequest request, int year) =>
        RequestFingerprint.Of("enact", request, [("year", year)], [("control", Wire.Name(BudgetControl.Hard))]);

    /// <summary>
    /// A new appropriation's stream. Holds its year's lock shared, so the year cannot close meanwhile; claims its code,
    /// whose stream creation also fails a concurrent creator's commit.
    /// </summary>
    public sealed class Write(string district, Command command, string fingerprint, string? idempotencyKey) : LedgerWrite("enact", district)
    {
        private readonly KeyClaim _code = new($"appropriation:{Appropriation.KeyFor(command.Year, command.Code)}", "appropriation-exists",
            $"Appropriation {command.Code} of {command.Year} already exists with different details");

        public override IReadOnlyList<KeyClaim> Claims => KeyClaim.With(_code, idempotencyKey);
        public override string RequestHash => fingerprint;
        public override string? EarlierRequestHash => CommandHash.Of("enact", command);

        public override void Declare(WriteNeeds needs)
        {
            needs.ShareYear(District, command.Year);
            needs.ReadLine(District, command.Year, command.Code);
        }

        public override Decided Run(WriteScope scope)
        {
            if (scope.YearClosed(command.Year)) return Decided.Refused(ClosedYear.Refusal(command.Year));
            // Taken by a carry-forward, which claims its own key: the code is used, whatever the body.
            if (scope.Line(command.Year, command.Code) is not null)
                return Decided.Refused(
                    Refusal.Conflict(_code.ConflictType, _code.ConflictTitle, $"{_code.ConflictTitle}. Nothing was recorded."));
            var line = scope.Start(command.ToEvent(scope.Actor, scope.Now));
            return Decided.Answer(201, line.ToFigures(), AppropriationView.Location(District, command.Year, command.Code));
        }
    }
}

[Tags("Appropriations")]
public static class EnactAppropriationEndpoint
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/appropriations", OperationId = "EnactAppropriation")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("Enact an appropriation (预算指标下达)")]
    [EndpointDescription("Records AppropriationEnacted. The code is the business key in the district and year: the same code with the " +
        "same body (or the same Idempotency-Key and body) answers the first 201 again with Idempotent-Replayed: true; another body under " +
        "it is 409 appropriation-exists. Money events in a closed year are 409 year-closed.")]
    [ProducesResponseType<AppropriationFigures>(201)]
    public static async Task<IResult> Enact(string district, int year, EnactAppropriationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = EnactAppropriation.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(
            new EnactAppropriation.Write(district, command!, EnactAppropriation.Fingerprint(request, year), idempotencyKey), http,
            idempotencyKey);
    }
}
