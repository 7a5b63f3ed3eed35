using System.ComponentModel.DataAnnotations;

namespace FundLedger.Departments;

/// <summary>
/// The unit's facts for a year, as the 决算说明 states them (第二部分 一 基本情况; 第三部分 机关运行经费,
/// 国有资产, 政府购买服务):
/// <c>PUT …/years/{year}/departments/{code}/profile</c>. Each PUT that changes anything is recorded as a new revision; the same
/// body as the current revision again records nothing and answers it.
/// </summary>
public sealed record DepartmentProfileRequest
{
    /// <summary><c>administrative</c> 行政单位, <c>civil-service-managed</c> 参照公务员法管理事业单位, <c>institution</c>
    /// 事业单位.</summary>
    [Required] public string? UnitType { get; init; }
    /// <summary>机构设置: the unit's internal setup, as published (at most 2,000 characters).</summary>
    public string? Setup { get; init; }
    /// <summary>职责: the duties as published, one item each (1 to 50, at most 1,000 characters each).</summary>
    [Required] public IReadOnlyList<string?>? Duties { get; init; }
    [Required] public StaffingInput? Staffing { get; init; }
    /// <summary>公务用车 held at year end (保有量) and their book value in 元.</summary>
    public VehiclesInput? Vehicles { get; init; }
    /// <summary>单位价值50万元以上通用设备 (台/套).</summary>
    public int? GeneralEquipmentOver500k { get; init; }
    /// <summary>单位价值100万元以上专用设备 (台/套).</summary>
    public int? SpecialEquipmentOver1m { get; init; }
    /// <summary>政府购买服务支出 of the year in 元; 0 when there was none.</summary>
    public MoneyInput? PurchasedServices { get; init; }
    /// <summary>yyyy-MM-dd the facts are stated at (截至…年底: the year's last day), in the year or the next.</summary>
    [Required] public string? EffectiveOn { get; init; }
    /// <summary>Why the facts are recorded or revised.</summary>
    public string? Reason { get; init; }
}

/// <summary>编制 and 实有 by kind, and 离退休人员; counts of people, none negative.</summary>
public sealed record StaffingInput
{
    [Required] public int? AdministrativeQuota { get; init; }
    [Required] public int? AdministrativeActual { get; init; }
    [Required] public int? InstitutionalQuota { get; init; }
    [Required] public int? InstitutionalActual { get; init; }
    [Required] public int? Retired { get; init; }
}

public sealed record VehiclesInput
{
    [Required] public int? Count { get; init; }
    /// <summary>In 元.</summary>
    [Required] public MoneyInput? Value { get; init; }
}

public sealed record StaffingFigures(
    int AdministrativeQuota, int AdministrativeActual, int InstitutionalQuota, int InstitutionalActual, int Retired);

public sealed record VehicleFigures(int Count, decimal Value);

/// <summary>One revision of a unit's facts for a year: what it states, who recorded it, when, and why.</summary>
public sealed record DepartmentProfileFigures(
    int Year, string Department, int Revision, string UnitType, string? Setup, IReadOnlyList<string> Duties, StaffingFigures Staffing,
    VehicleFigures Vehicles, int GeneralEquipmentOver500k, int SpecialEquipmentOver1m, decimal PurchasedServices, DateOnly EffectiveOn,
    string? Reason, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>GET …/profile</c>: the current revision (as of an instant with <c>asOf</c>) and every revision before it.</summary>
public sealed record DepartmentProfileHistory(
    int Year, string Department, DepartmentProfileFigures Current, IReadOnlyList<DepartmentProfileFigures> Revisions);
