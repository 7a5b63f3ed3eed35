using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Departments;

/// <summary>A unit's facts per year (基本情况, 车辆, 大型设备, 政府购买服务), recorded as revisions, through the
/// API.</summary>
public sealed class DepartmentProfileTests(LedgerApp app) : LedgerTest(app)
{
    /// <summary>The seed's facts of 北京市丰台区融媒体中心 for 2020.</summary>
    private static object Fengtai(int retired = 32, int vehicles = 3, string reason = "2020年度部门决算") => new
    {
        unitType = "institution",
        duties = new[] { "宣传党和国家的路线、方针、政策和法律、法规。",
            "负责统筹本区媒体融合发展。" },
        staffing = new { administrativeQuota = 0, administrativeActual = 0, institutionalQuota = 77, institutionalActual = 69, retired },
        vehicles = new { count = vehicles, value = "571400.00" },
        generalEquipmentOver500k = 4,
        specialEquipmentOver1m = 0,
        purchasedServices = "0.00",
        effectiveOn = "2020-12-31",
        reason,
    };

    private static Task<Answer> Put(Api api, object body, string unit = "110106001") =>
        api.Send(HttpMethod.Put, $"departments/{unit}/profile", JsonSerializerFor.Write(body));

    [Fact]
    public async Task The_first_statement_is_revision_1_and_reads_back_as_recorded_with_who_and_when()
    {
        var api = NewDistrict();
        var created = await Put(api, Fengtai());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.EndsWith($"/years/2020/departments/110106001/profile", created.Response.Headers.Location!.ToString());
        var read = await api.Get("departments/110106001/profile");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var current = read.Node("current")!;
        Assert.Equal((1, "institution", 77, 69, 32), (current["revision"]!.GetValue<int>(), current["unitType"]!.GetValue<string>(),
            current["staffing"]!["institutionalQuota"]!.GetValue<int>(), current["staffing"]!["institutionalActual"]!.GetValue<int>(),
            current["staffing"]!["retired"]!.GetValue<int>()));
        var vehicles = current["vehicles"]!;
        Assert.Equal((3, 571_400.00m), (vehicles["count"]!.GetValue<int>(), vehicles["value"]!.GetValue<decimal>()));
        Assert.Equal(4, current["generalEquipmentOver500k"]!.GetValue<int>());
        Assert.Equal(2, current["duties"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty(current["recordedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_same_body_again_records_nothing_and_a_changed_one_is_the_next_revision_with_the_first_kept()
    {
        var api = NewDistrict();
        await Put(api, Fengtai());
        var again = await Put(api, Fengtai());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, again.Node("revision")!.GetValue<int>());
        Assert.Equal(1, await App.CountEventsAsync(api.District, "department_profile_recorded"));
        var between = DateTimeOffset.UtcNow;

        var corrected = await Put(api, Fengtai(retired: 33, reason: "更正离退休人数"));

        Assert.Equal(HttpStatusCode.OK, corrected.Status);
        Assert.Equal(2, corrected.Node("revision")!.GetValue<int>());
        var read = await api.Get("departments/110106001/profile");
        Assert.Equal(33, read.Node("current")!["staffing"]!["retired"]!.GetValue<int>());
        Assert.Equal([32, 33], read.Node("revisions")!.AsArray().Select(r => r!["staffing"]!["retired"]!.GetValue<int>()));
        var then = await api.Get($"departments/110106001/profile?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        Assert.Equal(32, then.Node("current")!["staffing"]!["retired"]!.GetValue<int>());
    }

    [Fact]
    public async Task Negative_counts_and_a_value_without_vehicles_are_400s_naming_the_fields_and_record_nothing()
    {
        var api = NewDistrict();
        var negative = await Put(api, Fengtai(retired: -1, vehicles: -2));
        var valueWithoutVehicles = await Put(api, Fengtai(vehicles: 0));
        var badType = await Put(api, new { unitType = "ministry", duties = Array.Empty<string>(), effectiveOn = "2019-12-31" });

        Assert.Equal(HttpStatusCode.BadRequest, negative.Status);
        Assert.Equal(["staffing.retired", "vehicles.count"], negative.ErrorFields.Order());
        Assert.Equal(["vehicles.value"], valueWithoutVehicles.ErrorFields);
        Assert.Equal(["duties", "effectiveOn", "staffing", "unitType"], badType.ErrorFields.Order());
        Assert.Equal(0, await App.CountAllEventsAsync(api.District));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("departments/110106001/profile")).Status);
    }
}
