using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Reporting;

/// <summary>
/// 机关运行经费 (第三部分 二) of a 行政 or 参公 unit: the 公用经费 its general-budget basic lines paid, and nothing else
/// (not 人员经费, not projects, not the unit's own income nor the government fund).
/// </summary>
public sealed class OfficeRunningCostTests(LedgerApp app) : LedgerTest(app)
{
    private static Task<Answer> Pay(Api api, string code, string voucher, decimal amount, string? economicClass = null) =>
        api.Post($"appropriations/{code}/disbursements", new { voucherNo = voucher, amount, paidOn = "2020-06-30", economicClass });

    [Theory]
    [InlineData("administrative")]
    [InlineData("civil-service-managed")]
    public async Task An_administrative_units_office_running_cost_is_the_public_spending_of_its_general_budget_basic_lines(
        string unitType)
    {
        var api = NewDistrict();
        Assert.Equal(HttpStatusCode.Created, (await api.Send(HttpMethod.Put, "departments/D01/profile", JsonSerializerFor.Write(new
        {
            unitType, duties = new[] { "综合管理" },
            staffing = new
            {
                administrativeQuota = 20, administrativeActual = 18, institutionalQuota = 0, institutionalActual = 0, retired = 5,
            },
            vehicles = new { count = 0, value = "0.00" }, effectiveOn = "2020-12-31",
        }))).Status);
        await api.Enact("PAY", 300_000m, "2010101", "basic", economicClass: "30101");
        await api.Enact("OFF", 100_000m, "2010101", "basic", economicClass: "302");
        await api.Enact("RET", 100_000m, "2010101", "basic", economicClass: "303");
        await api.Enact("PRJ", 100_000m, "2010101", "project", economicClass: "302");
        await api.Enact("OWN", 100_000m, "2010101", "basic", economicClass: "302", fundSource: "other");
        await api.Enact("GOV", 100_000m, "2120899", "basic", economicClass: "302", fundSource: "government-fund");
        Assert.Equal(HttpStatusCode.Created, (await Pay(api, "PAY", "S1", 150_000m)).Status);
        Assert.Equal(HttpStatusCode.Created, (await Pay(api, "OFF", "O1", 30_000m, "30201")).Status);
        Assert.Equal(HttpStatusCode.Created, (await Pay(api, "OFF", "O2", 12_345.67m, "30211")).Status);
        // Retirees' living allowances (303) are 人员经费, not running costs.
        Assert.Equal(HttpStatusCode.Created, (await Pay(api, "RET", "O3", 4_000m, "30302")).Status);
        foreach (var (line, voucher) in new[] { ("PRJ", "X1"), ("OWN", "X2"), ("GOV", "X3") })
            Assert.Equal(HttpStatusCode.Created, (await Pay(api, line, voucher, 50_000m)).Status);

        var zh = (await api.Send(HttpMethod.Get, "report?department=D01&format=markdown", null)).Raw.Split('\n');
        var en = (await api.Send(HttpMethod.Get, "report?department=D01&format=markdown&lang=en", null)).Raw;

        var at = Array.IndexOf(zh, "## 二、机关运行经费支出情况");
        Assert.True(at > 0);
        // 30,000.00 + 12,345.67 = 42,345.67 元 = 4.23万元.
        Assert.Equal("2020年度机关运行经费支出4.23万元。", zh[at + 2]);
        Assert.Contains("Office running costs in 2020: 4.23", en);
    }
}
