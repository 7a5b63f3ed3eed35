using System.Globalization;
using FundLedger.Departments;
using FundLedger.Procurement;

namespace FundLedger.Reporting;

/// <summary>
/// 第三部分 其他重要事项的情况说明, in the published wording: 三公经费, 机关运行经费, 政府采购, 国有资产,
/// 政府购买服务, and the
/// terms. Every figure comes from the read it belongs to; nothing here computes one but a comparison.
/// </summary>
public static partial class ExplanationFormatter
{
    private static string W(decimal wan) => wan.ToString("0.00", CultureInfo.InvariantCulture);

    public static string PartThreeSection(int n, bool zh) => (zh
        ? new[] { "", "一、“三公”经费财政拨款决算情况", "二、机关运行经费支出情况",
            "三、政府采购支出情况", "四、国有资产占用情况",
            "五、政府购买服务支出说明", "六、专业名词解释" }
        : new[] { "", "1. The three public expenses", "2. Office running costs", "3. Government procurement", "4. State assets held",
            "5. Purchased services", "6. Terms" })[n];

    /// <summary>A final against its budget: 增加/减少 the difference, or 与预算持平.</summary>
    private static string Against(decimal final, decimal budget, string what, int year, bool zh)
    {
        var change = final - budget;
        if (!zh)
            return change == 0 ? $"the same as the {year} {what} of {W(budget)}"
                : $"{W(Math.Abs(change))} {(change > 0 ? "more" : "less")} than the {year} {what} of {W(budget)}";
        return change == 0 ? $"{year}年{what}{W(budget)}万元，与预算持平"
            : $"比{year}年{what}{W(budget)}万元{(change > 0 ? "增加" : "减少")}{W(Math.Abs(change))}万元";
    }

    private static string Reasons(ThreePublicItem item, bool zh)
    {
        var labels = item.Reasons.Where(r => r.Kind is "supplement" or "reduction").Select(r => r.Label).Distinct().ToList();
        if (labels.Count == 0 || item.FinalWan == item.BudgetWan) return zh ? "。" : ".";
        return zh ? $"。主要原因：{string.Join("；", labels)}。" : $". Mainly: {string.Join("; ", labels)}.";
    }

    public static IReadOnlyList<string> ThreePublic(int year, ThreePublicExpensesReport r, bool zh)
    {
        ThreePublicItem Item(string key) => r.Items.Single(i => i.Item == key);
        var total = Item("total");
        var u = r.Units;
        var lines = new List<string>
        {
            zh ? $"“三公”经费包括单位所属{u.Administrative}个行政单位、{u.CivilServiceManaged}个参照公务员法" +
                $"管理事业单位、{u.Institution}个事业单位。" +
                 $"{year}年“三公”经费财政拨款决算数{W(total.FinalWan)}万元" +
                     $"，{Against(total.FinalWan, total.BudgetWan, "“三公”经费财政拨款年初预算", year, zh)}。其中："
               : $"The three public expenses cover {u.Administrative} administrative, {u.CivilServiceManaged} civil-service-managed and " +
                 $"{u.Institution} institutional units. In {year} they came to {W(total.FinalWan)} (10k yuan), " +
                 $"{Against(total.FinalWan, total.BudgetWan, "original budget", year, zh)}.",
        };
        var abroad = Item("travel-abroad");
        var hosting = Item("hospitality");
        var vehicles = Item("vehicles");
        var purchase = Item("vehicle-purchase");
        var upkeep = Item("vehicle-upkeep");
        var d = r.VehicleUpkeep;
        if (zh)
        {
            lines.Add($"1.因公出国（境）费用。{year}年决算数{W(abroad.FinalWan)}万元" +
                $"，{Against(abroad.FinalWan, abroad.BudgetWan, "年初预算数", year, zh)}{Reasons(abroad, zh)}");
            lines.Add($"2.公务接待费。{year}年决算数{W(hosting.FinalWan)}万元" +
                $"，{Against(hosting.FinalWan, hosting.BudgetWan, "年初预算数", year, zh)}" +
                      (r.Receptions > 0 ? $"，共接待{r.Receptions}批次、{r.Guests}人次" : "") + Reasons(hosting, zh));
            lines.Add($"3.公务用车购置及运行维护费。{year}年决算数{W(vehicles.FinalWan)}万元" +
                $"，{Against(vehicles.FinalWan, vehicles.BudgetWan, "年初预算数", year, zh)}。" +
                      $"其中，公务用车购置费{year}年决算数{W(purchase.FinalWan)}万元" +
                          $"，{Against(purchase.FinalWan, purchase.BudgetWan, "年初预算数", year, zh)}。" +
                      $"公务用车运行维护费{year}年决算数{W(upkeep.FinalWan)}万元" +
                          $"，{Against(upkeep.FinalWan, upkeep.BudgetWan, "年初预算数", year, zh)}" +
                      Reasons(upkeep, zh).TrimEnd('。') + "。" +
                      $"{year}年公务用车运行维护费中，公务用车加油{W(d.FuelWan)}万元，公务用车维" +
                          $"修{W(d.RepairWan)}万元，公务用车保险{W(d.InsuranceWan)}万元，" +
                      $"公务用车其他支出{W(d.OtherWan)}万元。{year}年公务用车保有量{r.VehiclesHeld}辆，车均运行" +
                          $"维护费{W(r.UpkeepPerVehicleWan)}万元。");
        }
        else
        {
            lines.Add($"1. Official travel abroad: {W(abroad.FinalWan)}," +
                $" {Against(abroad.FinalWan, abroad.BudgetWan, "original budget", year, zh)}{Reasons(abroad, zh)}");
            lines.Add($"2. Official receptions: {W(hosting.FinalWan)}," +
                $" {Against(hosting.FinalWan, hosting.BudgetWan, "original budget", year, zh)}" +
                      (r.Receptions > 0 ? $", {r.Receptions} receptions of {r.Guests} guests" : "") + Reasons(hosting, zh));
            lines.Add($"3. Official vehicles: {W(vehicles.FinalWan)}, of which purchase {W(purchase.FinalWan)} and upkeep" +
                $" {W(upkeep.FinalWan)} " +
                      $"(fuel {W(d.FuelWan)}, repair {W(d.RepairWan)}, insurance {W(d.InsuranceWan)}, other {W(d.OtherWan)}); " +
                      $"{r.VehiclesHeld} vehicles held, {W(r.UpkeepPerVehicleWan)} upkeep each.");
        }
        return lines;
    }

    /// <summary>机关运行经费 is reported by 行政 and 参公 units only; the others say they are outside its scope.</summary>
    public static string OfficeRunning(int year, UnitType? unit, decimal runningWan,
        bool zh) => unit is UnitType.Administrative or UnitType.CivilServiceManaged
        ? zh ? $"{year}年度机关运行经费支出{W(runningWan)}万元。" : $"Office running costs in {year}: {W(runningWan)}."
        : unit is null ? zh ? "单位类型未记录，机关运行经费未能判定。" : "The unit's type is not recorded: office runn" +
            "ing costs cannot be told."
        : zh ? "不属于机关运行经费统计范围" : "Outside the scope of office running costs (not an administrative unit).";

    public static string Procurement(int year, ProcurementReport p, bool zh)
    {
        decimal Of(string category) => p.Categories.Single(c => c.Category == category).AmountWan;
        return zh
            ? $"{year}年政府采购支出总额{W(p.Total.AmountWan)}万元，其中：政府采购货物支出{W(Of("goods"))}万元" +
                $"，政府采购工程支出{W(Of("works"))}万元，" +
              $"政府采购服务支出{W(Of("services"))}万元。授予中小企业合同金额{W(p.Total.SmeAmountWan)}万元，占" +
                  $"政府采购支出总额的{p.SmeShare:0.00}%，" +
              $"其中：授予小微企业合同金额{W(p.Total.SmallMicroAmountWan)}万元，占政府采购支出总额" +
                  $"的{p.SmallMicroShare:0.00}%。"
            : $"Government procurement in {year}: {W(p.Total.AmountWan)} (goods {W(Of("goods"))}, works {W(Of("works"))}, services " +
              $"{W(Of("services"))}); awarded to SMEs {W(p.Total.SmeAmountWan)} ({p.SmeShare:0.00}%), of it to small and micro firms " +
              $"{W(p.Total.SmallMicroAmountWan)} ({p.SmallMicroShare:0.00}%).";
    }

    public static string Assets(int year, DepartmentProfileRecorded? profile, bool zh) => profile is null
        ? zh ? "国有资产占用情况未记录。" : "The assets held are not recorded."
        : zh ? $"{year}年车辆{profile.VehicleCount}台，{Rounding.ToWanYuanText(profile.VehicleValue)}万元；单位价值50万元" +
            $"以上的通用设备{profile.GeneralEquipmentOver500k}台（套），" +
               $"单位价值100万元以上的专用设备{profile.SpecialEquipmentOver1m}台（套）。"
        : $"{year}: {profile.VehicleCount} vehicles worth {Rounding.ToWanYuanText(profile.VehicleValue)};" +
            $" {profile.GeneralEquipmentOver500k} " +
          $"general-purpose devices over 500k yuan, {profile.SpecialEquipmentOver1m} special devices over 1m yuan.";

    public static string PurchasedServices(DepartmentProfileRecorded? profile, bool zh) => profile is null
        ? zh ? "政府购买服务支出未记录。" : "Purchased services are not recorded."
        : profile.PurchasedServices == Money.Zero ? zh ? "无政府购买服务支出" : "No purchased services."
        : zh ? $"政府购买服务支出{Rounding.ToWanYuanText(profile.PurchasedServices)}万元。"
        : $"Purchased services: {Rounding.ToWanYuanText(profile.PurchasedServices)}.";

    /// <summary>
    /// 第二部分 一 基本情况 from the unit's profile: its heading, the duties as a numbered list, and the staffing.
    /// </summary>
    public static IReadOnlyList<string> UnitFacts(int year, string name, DepartmentProfileRecorded p, bool zh)
    {
        var s = p.Staffing;
        var lines = new List<string> { zh ? "（一）机构设置、职责" : "Setup and duties" };
        if (p.Setup is { Length: > 0 } setup) lines.Add(setup);
        lines.Add(zh ? $"{name}主要职能为：" : $"The duties of {name}:");
        lines.AddRange(p.Duties.Select((d, i) => zh ? $"{i + 1}、{d}" : $"{i + 1}) {d}"));
        lines.Add(zh ? "（二）人员构成情况" : "Staff");
        lines.Add(zh
            ? $"截至{year}年底，共有行政编制{s.AdministrativeQuota}人，实际{s.AdministrativeActual}人；事业编" +
                $"制{s.InstitutionalQuota}人，" +
              $"实际{s.InstitutionalActual}人；离退休人员{s.Retired}人。"
            : $"At the end of {year}: administrative posts {s.AdministrativeQuota}, filled {s.AdministrativeActual}; institutional posts " +
              $"{s.InstitutionalQuota}, filled {s.InstitutionalActual}; retired staff {s.Retired}.");
        return lines;
    }

    /// <summary>The published 名词解释, as every 决算说明 prints them.</summary>
    public static IReadOnlyList<string> Terms(bool zh) => zh
        ?
        [
            "1.“三公”经费：是指单位通过财政拨款资金安排的因公出国（境）费、公务用车购置及运行" +
                "费和公务接待费。",
            "2.机关运行经费：是指行政单位（含参照公务员法管理事业单位）使用一般公共预算财政拨款" +
                "安排的基本支出中的日常公用经费支出。",
            "3.政府采购：指各级国家机关、事业单位和团体组织，使用财政性资金采购依法制定的集中目" +
                "录以内的或者采购限额标准以上的货物、工程和服务的行为。",
            "4.政府购买服务：是指各级国家机关将属于自身职责范围且适合通过市场化方式提供的服务事" +
                "项，按照政府采购方式和程序，交由符合条件的服务供应商承担，" +
            "并根据服务数量和质量等因素向其支付费用的行为。",
        ]
        :
        [
            "1. Three public expenses: official travel abroad, official vehicles (purchase and running) and official receptions paid from" +
                " appropriations.",
            "2. Office running costs: the day-to-day public expenses of administrative units' basic expenditure from the general budget.",
            "3. Government procurement: purchases of goods, works and services with fiscal money within the catalogue or above the thresh" +
                "old.",
            "4. Purchased services: services within a body's duties bought from qualified suppliers through procurement.",
        ];
}
