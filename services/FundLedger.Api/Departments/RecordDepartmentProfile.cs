using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Ledger;
using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Departments;

/// <summary>Stating a unit's facts for a year: the checks of the request, and whether it is a new revision.</summary>
public static class RecordDepartmentProfile
{
    public const int MostDuties = 50;
    public const string StreamType = "department-profile";

    public sealed record Command(
        int Year, string DepartmentCode, UnitType UnitType, string? Setup, IReadOnlyList<string> Duties, Staffing Staffing,
        int VehicleCount, Money VehicleValue, int GeneralEquipmentOver500k, int SpecialEquipmentOver1m, Money PurchasedServices,
        DateOnly EffectiveOn, string? Reason);

    public static Validated<Command> Validate(int year, string department, DepartmentProfileRequest r)
    {
        var f = new Fields();
        var code = f.Code("department", department);
        var unitType = f.Choice("unitType", r.UnitType, Wire.Names<UnitType>());
        var setup = f.Text("setup", r.Setup, 2_000, lines: true);
        var duties = new List<string>();
        if (r.Duties is null || r.Duties.Count == 0) f.Add("duties", "is required: at least one duty");
        else if (r.Duties.Count > MostDuties) f.Add("duties", $"must have at most {MostDuties} items");
        else
            for (var n = 0; n < r.Duties.Count; n++) duties.Add(f.Required($"duties[{n}]", r.Duties[n], 1_000));
        var staffing = new Staffing(0, 0, 0, 0, 0);
        if (r.Staffing is not { } s) f.Add("staffing", "is required");
        else
            staffing = new Staffing(Count(f, "staffing.administrativeQuota", s.AdministrativeQuota),
                Count(f, "staffing.administrativeActual", s.AdministrativeActual),
                Count(f, "staffing.institutionalQuota", s.InstitutionalQuota),
                Count(f, "staffing.institutionalActual", s.InstitutionalActual), Count(f, "staffing.retired", s.Retired));
        var vehicles = r.Vehicles is null ? 0 : Count(f, "vehicles.count", r.Vehicles.Count);
        var vehicleValue = r.Vehicles is null ? Money.Zero : f.Amount("vehicles.value", r.Vehicles.Value, mustBePositive: false);
        if (vehicleValue.IsNegative) f.Add("vehicles.value", "must not be negative");
        if (vehicles == 0 && vehicleValue != Money.Zero) f.Add("vehicles.value", "must be 0 when no vehicle is held");
        var general = Count(f, "generalEquipmentOver500k", r.GeneralEquipmentOver500k ?? 0);
        var special = Count(f, "specialEquipmentOver1m", r.SpecialEquipmentOver1m ?? 0);
        var services = r.PurchasedServices is null ? Money.Zero : f.Amount("purchasedServices", r.PurchasedServices, mustBePositive: false);
        if (services.IsNegative) f.Add("purchasedServices", "must not be negative");
        var effectiveOn = f.Date("effectiveOn", r.EffectiveOn);
        // The facts are stated at the year's end, in the 决算 written the next spring: the year or the one after it.
        if (effectiveOn != default && (effectiveOn.Year < year || effectiveOn.Year > year + 1))
            f.Add("effectiveOn", $"must fall in {year} or {year + 1}");
        var reason = f.Text("reason", r.Reason, 500);
        return Validated<Command>.From(f, () => new Command(year, code, unitType, setup, duties, staffing, vehicles, vehicleValue, general,
            special, services, effectiveOn, reason));
    }

    private static int Count(Fields f, string field, int? value)
    {
        if (value is null) f.Add(field, "is required");
        else if (value < 0) f.Add(field, "must not be negative");
        return value ?? 0;
    }

    /// <summary>
    /// A new revision, or none when the body is the current revision's (a PUT repeated leaves the facts as they are, and the
    /// history shows only what changed).
    /// </summary>
    public static DepartmentProfileRecorded? Decide(DepartmentProfile? current, Command c, string fingerprint, Actor actor,
        DateTimeOffset now) =>
        current?.Current.Fingerprint == fingerprint ? null
            : new DepartmentProfileRecorded(c.Year, c.DepartmentCode, (current?.Current.Revision ?? 0) + 1, c.UnitType, c.Setup, c.Duties,
                c.Staffing, c.VehicleCount, c.VehicleValue, c.GeneralEquipmentOver500k, c.SpecialEquipmentOver1m, c.PurchasedServices,
                c.EffectiveOn, c.Reason, fingerprint, actor.Subject, actor.ClientId, now);

    /// <summary>Under the lock of the profile's stream, decided on its current revision.</summary>
    public sealed class Write(string district, Command command, string fingerprint, string? idempotencyKey)
        : LedgerWrite("department-profile", district)
    {
        private string Id => DepartmentProfile.KeyFor(command.Year, command.DepartmentCode);

        public override IReadOnlyList<KeyClaim> Claims { get; } = KeyClaim.HeaderOnly(idempotencyKey);
        public override string RequestHash => fingerprint;

        public override void Declare(WriteNeeds needs)
        {
            needs.LockStream(District, Id);
            needs.Read<DepartmentProfile>(District, Id);
        }

        public override Decided Run(WriteScope scope)
        {
            var current = scope.Get<DepartmentProfile>(Id);
            if (Decide(current, command, fingerprint, scope.Actor, scope.Now) is not { } recorded)
                return Decided.Answer(200, current!.ToFigures());
            scope.AppendTo(Id, recorded, StreamType);
            return recorded.Revision == 1
                ? Decided.Answer(201, DepartmentProfile.Figures(recorded), Location(District, command.Year, command.DepartmentCode))
                : Decided.Answer(200, DepartmentProfile.Figures(recorded));
        }
    }

    public static string Location(string district, int year, string department) =>
        $"/api/v1/districts/{district}/years/{year}/departments/{department}/profile";
}

[Tags("Departments")]
public static class RecordDepartmentProfileEndpoint
{
    [WolverinePut("/api/v1/districts/{district}/years/{year}/departments/{code}/profile", OperationId = "RecordDepartmentProfile")]
    [RequiresScope(Scopes.BudgetWrite)]
    [EndpointSummary("State a unit's facts for the year (基本情况: 单位类型, 职责, 编制与实有人数, 离退休; " +
        "车辆, 大型设备, 政府购买服务)")]
    [EndpointDescription("Records DepartmentProfileRecorded as the next revision (201 for the first, 200 for a later one). The same " +
        "body as the current revision again records nothing and answers it (200). Counts must not be negative; effectiveOn falls " +
        "in the year or the next (the 决算 states the year-end facts the next spring).")]
    [ProducesResponseType<DepartmentProfileFigures>(200)]
    [ProducesResponseType<DepartmentProfileFigures>(201)]
    public static async Task<IResult> Record(string district, int year, string code, DepartmentProfileRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = RecordDepartmentProfile.Validate(year, code, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new RecordDepartmentProfile.Write(district, command!,
            RequestFingerprint.Of("department-profile", request, ("year", year), ("department", code)), idempotencyKey),
            http, idempotencyKey);
    }
}
