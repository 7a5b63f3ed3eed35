namespace FundLedger.Reporting;

/// <summary>
/// One item of the “三公”经费财政拨款 table: <c>item</c> is <c>travel-abroad</c> (30212), <c>hospitality</c> (30217),
/// <c>vehicles</c> (公务用车购置及运行维护费), <c>vehicle-purchase</c> (31013), <c>vehicle-upkeep</c> (30231) or <c>total</c>.
/// Budget is 年初预算 (the lines budgeted on the item's classes); final is what was paid on them, net of reversals, whatever
/// line paid it; previous is last year's final. Each amount in 元 and in 万元.
/// </summary>
public sealed record ThreePublicItem(
    string Item, string Name, IReadOnlyList<string> Classes, decimal Budget, decimal BudgetWan, decimal Final, decimal FinalWan,
    decimal Change, decimal ChangeWan, decimal PreviousFinal, decimal PreviousFinalWan, IReadOnlyList<VarianceReasonFigures> Reasons);

/// <summary>公务用车运行维护费 by kind: 加油, 维修, 保险, and 其他 (the rest of what was paid on 30231).</summary>
public sealed record VehicleUpkeepDetail(
    decimal Fuel, decimal FuelWan, decimal Repair, decimal RepairWan, decimal Insurance, decimal InsuranceWan, decimal Other,
    decimal OtherWan);

/// <summary>The units the figures cover, by 单位类型, as the 说明 counts them (from the units' recorded profiles).</summary>
public sealed record UnitTypeCounts(int Administrative, int CivilServiceManaged, int Institution, int WithoutProfile);

/// <summary>
/// “三公”经费财政拨款决算 of a year (or one unit's): the items against 年初预算 and last year, 公务接待
/// 批次/人次, the
/// 公务用车运行维护 detail, 保有量 (from the profiles) and 车均运行维护费 in 万元.
/// </summary>
public sealed record ThreePublicExpensesReport(
    int Year, string? Department, UnitTypeCounts Units, IReadOnlyList<ThreePublicItem> Items, int Receptions, int Guests,
    VehicleUpkeepDetail VehicleUpkeep, int VehiclesHeld, decimal UpkeepPerVehicleWan, DateTimeOffset? AsOf);
