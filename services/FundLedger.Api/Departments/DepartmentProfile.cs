using FundLedger.Kernel;

namespace FundLedger.Departments;

/// <summary>单位类型: the 决算说明 counts 三公经费 units by it, and only 行政 and 参公 units report
/// 机关运行经费.</summary>
public enum UnitType { Administrative, CivilServiceManaged, Institution }

/// <summary>编制 and 实有 by kind, and 离退休人员.</summary>
public sealed record Staffing(
    int AdministrativeQuota, int AdministrativeActual, int InstitutionalQuota, int InstitutionalActual, int Retired);

/// <summary>
/// A unit's facts for a year were stated (第二部分 一 基本情况, and the counts 第三部分 reports): revision
/// <c>Revision</c> of stream <c>profile/{year}/{department}</c>, who, when and why. A correction is a later revision; none
/// is ever edited.
/// </summary>
public sealed record DepartmentProfileRecorded(
    int Year, string DepartmentCode, int Revision, UnitType UnitType, string? Setup, IReadOnlyList<string> Duties, Staffing Staffing,
    int VehicleCount, Money VehicleValue, int GeneralEquipmentOver500k, int SpecialEquipmentOver1m, Money PurchasedServices,
    DateOnly EffectiveOn, string? Reason, string Fingerprint, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary>The unit's current facts for a year: the latest revision, which a PUT decides on.</summary>
public sealed record DepartmentProfile
{
    public string Id { get; init; } = "";
    public DepartmentProfileRecorded Current { get; init; } = null!;

    public static string KeyFor(int year, string department) => $"profile/{year}/{department}";

    public static DepartmentProfile Fold(DepartmentProfileRecorded e) => new() { Id = KeyFor(e.Year, e.DepartmentCode), Current = e };

    public DepartmentProfileFigures ToFigures() => Figures(Current);

    public static DepartmentProfileFigures Figures(DepartmentProfileRecorded e) => new(
        e.Year, e.DepartmentCode, e.Revision, Wire.Name(e.UnitType), e.Setup, e.Duties,
        new StaffingFigures(e.Staffing.AdministrativeQuota, e.Staffing.AdministrativeActual, e.Staffing.InstitutionalQuota,
            e.Staffing.InstitutionalActual, e.Staffing.Retired),
        new VehicleFigures(e.VehicleCount, e.VehicleValue.Yuan), e.GeneralEquipmentOver500k, e.SpecialEquipmentOver1m,
        e.PurchasedServices.Yuan, e.EffectiveOn, e.Reason, e.RecordedBy, e.ClientId, e.RecordedAt);
}
