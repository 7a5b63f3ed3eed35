using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>“三公”经费财政拨款决算 from the payments' economic classes and the units' facts, through the API.</summary>
public sealed class ThreePublicExpensesTests(LedgerApp app) : LedgerTest(app)
{
    private static Task<Answer> Pay(Api api, string code, string voucher, decimal amount, object details) =>
        api.Post($"appropriations/{code}/disbursements", JsonNode.Parse(JsonSerializerFor.Write(details))!.AsObject()
            .Concat(JsonNode.Parse(JsonSerializerFor.Write(new { voucherNo = voucher, amount, paidOn = "2020-06-30" }))!.AsObject())
            .Aggregate(new JsonObject(), (o, p) => { o[p.Key] = p.Value?.DeepClone(); return o; }).ToJsonString());

    private static JsonNode Item(Answer report, string item) =>
        report.Node("items")!.AsArray().Single(i => i!["item"]!.GetValue<string>() == item)!;

    private static Task<Answer> Profile(Api api, int vehicles) => api.Send(HttpMethod.Put, "departments/D01/profile",
        JsonSerializerFor.Write(new
        {
            unitType = "institution", duties = new[] { "新闻宣传" },
            staffing = new
            {
                administrativeQuota = 0, administrativeActual = 0, institutionalQuota = 77, institutionalActual = 69, retired = 32,
            },
            vehicles = new { count = vehicles, value = "571400.00" }, effectiveOn = "2020-12-31",
        }));

    /// <summary>
    /// The seed's 第三部分 一 (2020): 1.40万元 against 年初预算 6.42; 公务接待 0 against 1.02; 公务用车运行维护 1.40
    /// against
    /// 5.40, of which 加油 0.00, 维修 0.18, 保险 0.88, 其他 0.34; 保有量 3辆, 车均 0.47; one 事业单位.
    /// </summary>
    [Fact]
    public async Task The_seeds_three_public_expenses_come_from_the_payments_classes_with_their_budget_reasons_and_last_year()
    {
        var api = NewDistrict();
        await api.Enact("H", 10_200m, "2070899", "basic", economicClass: "30217");
        await api.Enact("VU", 54_000m, "2070899", "basic", economicClass: "30231");
        await api.Adjust("H", "TJ-H", "reduction", 10_200m, reason: "严格公务接待管理，减少业务性接待支出");
        await api.Adjust("VU", "TJ-VU", "reduction", 40_000m, reason: "严格公车使用管理，减少公车不必要支出");
        Assert.Equal(HttpStatusCode.Created, (await Pay(api, "VU", "V1", 1_800m, new { vehicleExpense = "repair" })).Status);
        await Pay(api, "VU", "V2", 8_800m, new { vehicleExpense = "insurance" });
        await Pay(api, "VU", "V3", 3_400m, new { });
        await Profile(api, vehicles: 3);
        var last = api.InYear(2019);
        await last.Enact("VU19", 30_000m, "2070899", "basic", economicClass: "30231");
        await last.Disburse("VU19", "V19", 20_000m, paidOn: "2019-05-01");

        var report = await api.Get("three-public-expenses?department=D01");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var total = Item(report, "total");
        Assert.Equal((1.40m, 6.42m, -5.02m, 2.00m), (total["finalWan"]!.GetValue<decimal>(), total["budgetWan"]!.GetValue<decimal>(),
            total["changeWan"]!.GetValue<decimal>(), total["previousFinalWan"]!.GetValue<decimal>()));
        var hospitality = Item(report, "hospitality");
        Assert.Equal((0m, 1.02m), (hospitality["finalWan"]!.GetValue<decimal>(), hospitality["budgetWan"]!.GetValue<decimal>()));
        Assert.Equal("严格公务接待管理，减少业务性接待支出",
            hospitality["reasons"]!.AsArray().Single()!["label"]!.GetValue<string>());
        var upkeep = Item(report, "vehicle-upkeep");
        Assert.Equal((1.40m, 5.40m), (upkeep["finalWan"]!.GetValue<decimal>(), upkeep["budgetWan"]!.GetValue<decimal>()));
        Assert.Equal((0m, 0m), (Item(report, "travel-abroad")["budget"]!.GetValue<decimal>(), Item(report, "vehicle-purchase")["final"]!
            .GetValue<decimal>()));
        Assert.Equal((0.00m, 0.18m, 0.88m, 0.34m), (report.Money("vehicleUpkeep.fuelWan"), report.Money("vehicleUpkeep.repairWan"),
            report.Money("vehicleUpkeep.insuranceWan"), report.Money("vehicleUpkeep.otherWan")));
        Assert.Equal((3, 0.47m), (report.Node("vehiclesHeld")!.GetValue<int>(), report.Money("upkeepPerVehicleWan")));
        Assert.Equal((0, 0, 1), (report.Node("units.administrative")!.GetValue<int>(),
            report.Node("units.civilServiceManaged")!.GetValue<int>(), report.Node("units.institution")!.GetValue<int>()));
    }

    [Fact]
    public async Task Receptions_are_counted_on_30217_only_a_fuel_reversal_comes_off_fuel_and_misplaced_details_are_400s()
    {
        var api = NewDistrict();
        await api.Enact("G", 100_000m, "2070899", "basic", economicClass: "302");
        await api.Enact("VU", 50_000m, "2070899", "basic", economicClass: "30231");
        await api.Enact("OWN", 50_000m, "2070899", "basic", economicClass: "302", fundSource: "other");

        Assert.Equal(HttpStatusCode.Created,
            (await Pay(api, "G", "R1", 1_200m, new { economicClass = "30217", receptions = 2, guests = 9 })).Status);
        await Pay(api, "VU", "F1", 900m, new { vehicleExpense = "fuel" });
        await api.Reverse("F1", 300m, "2020-07-01");
        // Money that is not 财政拨款 (其他收入 here): its 公务接待 is not in the 三公 table.
        await Pay(api, "OWN", "R2", 500m, new { economicClass = "30217", receptions = 1, guests = 1 });
        var onOffice = await Pay(api, "G", "R3", 100m, new { receptions = 1, guests = 2 });
        var fuelOnHospitality = await Pay(api, "G", "R4", 100m, new { economicClass = "30217", vehicleExpense = "fuel" });
        var fewerGuests = await Pay(api, "G", "R5", 100m, new { economicClass = "30217", receptions = 3, guests = 2 });
        var badKind = await Pay(api, "VU", "F2", 100m, new { vehicleExpense = "tolls" });

        Assert.Equal((HttpStatusCode.BadRequest, "receptions"), (onOffice.Status, onOffice.ErrorFields.Single()));
        Assert.Equal((HttpStatusCode.BadRequest, "vehicleExpense"), (fuelOnHospitality.Status, fuelOnHospitality.ErrorFields.Single()));
        Assert.Equal((HttpStatusCode.BadRequest, "guests"), (fewerGuests.Status, fewerGuests.ErrorFields.Single()));
        Assert.Equal((HttpStatusCode.BadRequest, "vehicleExpense"), (badKind.Status, badKind.ErrorFields.Single()));
        Assert.Equal(3, await App.CountEventsAsync(api.District, "disbursement_recorded"));

        var report = await api.Get("three-public-expenses");
        Assert.Equal((2, 9), (report.Node("receptions")!.GetValue<int>(), report.Node("guests")!.GetValue<int>()));
        Assert.Equal((1_200m, 0m), (Item(report, "hospitality")["final"]!.GetValue<decimal>(),
            Item(report, "hospitality")["budget"]!.GetValue<decimal>()));
        Assert.Equal((600m, 0m, 600m), (report.Money("vehicleUpkeep.fuel"), report.Money("vehicleUpkeep.other"),
            Item(report, "vehicle-upkeep")["final"]!.GetValue<decimal>()));
        Assert.Equal((0, 0m), (report.Node("vehiclesHeld")!.GetValue<int>(), report.Money("upkeepPerVehicleWan")));
    }
}
