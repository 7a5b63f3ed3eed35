using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Procurement;

/// <summary>政府采购 contracts, payments under them and the year's 采购 with its 中小企业 shares, through the API.</summary>
public sealed class ProcurementTests(LedgerApp app) : LedgerTest(app)
{
    private static object Contract(string no, string category, string size, decimal amount, string department = "D01",
        string signedOn = "2020-03-01") => new
        {
            contractNo = no, department = new { code = department, name = $"Department {department}" }, category,
            supplier = new { name = $"供应商 {no}", size }, amount, signedOn, subject = "采购",
        };

    private static Task<Answer> Sign(Api api, object body, string? idempotencyKey = null) =>
        api.Post("procurement-contracts", body, idempotencyKey);

    [Fact]
    public async Task A_contract_is_recorded_once_replayed_on_retry_and_another_body_under_its_number_is_a_409()
    {
        var api = NewDistrict();
        var signed = await Sign(api, Contract("CG-1", "goods", "small", 5_800m));

        Assert.Equal(HttpStatusCode.Created, signed.Status);
        Assert.EndsWith("/years/2020/procurement-contracts/CG-1", signed.Response.Headers.Location!.ToString());
        var read = await api.Get("procurement-contracts/CG-1");
        Assert.Equal(("goods", "small", 5_800m, 0m, 5_800m), (read.Text("category"), read.Text("supplier.size"), read.Money("amount"),
            read.Money("paid"), read.Money("remaining")));
        Assert.False(string.IsNullOrEmpty(read.Text("signedBy")));

        var retry = await Sign(api, Contract("CG-1", "goods", "small", 5_800m));
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Replayed);
        var other = await Sign(api, Contract("CG-1", "goods", "small", 5_900m));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("https://fundledger.org/problems/duplicate-contract", other.Text("type"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "procurement_contract_signed"));
    }

    [Fact]
    public async Task A_contract_with_bad_fields_is_a_400_naming_each_and_records_nothing()
    {
        var api = NewDistrict();
        var bad = await Sign(api, new
        {
            contractNo = "CG 1", department = new { code = "D01" }, category = "software",
            supplier = new { name = "某公司", size = "huge" },
            amount = -1m, signedOn = "2021-01-05",
        });

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["amount", "category", "contractNo", "department.name", "signedOn", "supplier.size"], bad.ErrorFields.Order());
        Assert.Equal(0, await App.CountEventsAsync(api.District, "procurement_contract_signed"));
    }

    [Fact]
    public async Task Payments_under_a_contract_count_against_it_and_one_beyond_it_another_units_or_an_unknown_one_is_a_400()
    {
        var api = NewDistrict();
        await api.Enact("A", 100_000m, department: "D01");
        await api.Enact("B", 100_000m, department: "D02");
        await Sign(api, Contract("CG-1", "services", "medium", 10_000m));

        Assert.Equal(HttpStatusCode.Created, (await api.Disburse("A", "V1", 6_000m, contractNo: "CG-1")).Status);
        var beyond = await api.Disburse("A", "V2", 4_000.01m, contractNo: "CG-1");
        var otherUnit = await api.Disburse("B", "V3", 100m, contractNo: "CG-1");
        var unknown = await api.Disburse("A", "V4", 100m, contractNo: "CG-9");

        Assert.Equal((HttpStatusCode.BadRequest, "amount"), (beyond.Status, beyond.ErrorFields.Single()));
        Assert.Equal((HttpStatusCode.BadRequest, "contractNo"), (otherUnit.Status, otherUnit.ErrorFields.Single()));
        Assert.Equal((HttpStatusCode.BadRequest, "contractNo"), (unknown.Status, unknown.ErrorFields.Single()));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded"));
        Assert.Equal(6_000m, (await api.Appropriation("A")).Money("disbursed"));

        // A reversal gives back to the contract what it takes back from the line: the rest can then be paid.
        Assert.Equal(HttpStatusCode.Created, (await api.Reverse("V1", 1_000m, "2020-04-01", reversalId: "R1")).Status);
        var contract = await api.Get("procurement-contracts/CG-1");
        Assert.Equal((5_000m, 5_000m, 1),
            (contract.Money("paid"), contract.Money("remaining"), contract.Node("payments")!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Created, (await api.Disburse("A", "V5", 5_000m, contractNo: "CG-1")).Status);
        Assert.Equal(0m, (await api.Get("procurement-contracts/CG-1")).Money("remaining"));
    }

    /// <summary>
    /// The seed's 政府采购 (2020): 170.98万元 = 货物 0.79 + 工程 0 + 服务 170.18, 授予中小企业 0.58 (0.34%),
    /// of it 小微企业
    /// 0.58 (0.34%), on the payments made under contracts; the same year on the contracts signed reads otherwise.
    /// </summary>
    [Fact]
    public async Task The_years_procurement_by_category_and_its_sme_shares_are_the_seeds_on_payments_and_differ_on_contracts()
    {
        var api = NewDistrict();
        await api.Enact("P", 2_000_000m, department: "D01");
        await Sign(api, Contract("CG-G1", "goods", "small", 5_800m));
        await Sign(api, Contract("CG-G2", "goods", "large", 2_149m));
        await Sign(api, Contract("CG-S1", "services", "large", 1_800_000m));
        await Sign(api, Contract("CG-X", "goods", "micro", 1_000m, department: "D02"));
        await api.Disburse("P", "V1", 5_800m, contractNo: "CG-G1");
        await api.Disburse("P", "V2", 2_149m, contractNo: "CG-G2");
        var beforeServices = DateTimeOffset.UtcNow;
        await api.Disburse("P", "V3", 1_701_849m, paidOn: "2020-11-30", contractNo: "CG-S1");
        await api.Disburse("P", "V4", 50_000m);

        var paid = await api.Get("procurement?department=D01");

        Assert.Equal(HttpStatusCode.OK, paid.Status);
        Assert.Equal("payments", paid.Text("basis"));
        Assert.Equal((1_709_798m, 170.98m), (paid.Money("total.amount"), paid.Money("total.amountWan")));
        var wan = paid.Node("categories")!.AsArray()
            .ToDictionary(c => c!["category"]!.GetValue<string>(), c => c!["amountWan"]!.GetValue<decimal>());
        Assert.Equal(new Dictionary<string, decimal> { ["goods"] = 0.79m, ["works"] = 0m, ["services"] = 170.18m }, wan);
        Assert.Equal((0.58m, 0.58m), (paid.Money("total.smeAmountWan"), paid.Money("total.smallMicroAmountWan")));
        Assert.Equal((0.34m, 0.34m), (paid.Money("smeShare"), paid.Money("smallMicroShare")));
        Assert.Equal(3, paid.Node("contracts")!.AsArray().Count);

        var signed = await api.Get("procurement?department=D01&basis=contracts");
        Assert.Equal((1_807_949m, "contracts"), (signed.Money("total.amount"), signed.Text("basis")));
        // The whole district: D02's micro supplier counts once its contract is signed, and on payments not until it is paid.
        var whole = await api.Get("procurement?basis=contracts");
        Assert.Equal((1_808_949m, 6_800m, 4), (whole.Money("total.amount"), whole.Money("total.smallMicroAmount"),
            whole.Node("total.contracts")!.GetValue<int>()));
        Assert.Equal(1_709_798m, (await api.Get("procurement")).Money("total.amount"));
        var then = await api.Get($"procurement?department=D01&asOf={Uri.EscapeDataString(beforeServices.ToString("O"))}");
        Assert.Equal((7_949m, 72.97m), (then.Money("total.amount"), then.Money("smeShare")));

        var badBasis = await api.Get("procurement?basis=signed");
        Assert.Equal((HttpStatusCode.BadRequest, "basis"), (badBasis.Status, badBasis.ErrorFields.Single()));

        // The contracts' documents are a projection like the others: rebuilt from the events, they read the same.
        var (exitCode, output) = await ServiceCommand.RunAsync(App.DatabaseEnvironment, "rebuild");
        Assert.True(exitCode == 0, output);
        var rebuilt = await api.Get("procurement?department=D01");
        Assert.Equal(paid.Node("contracts")!.ToJsonString(), rebuilt.Node("contracts")!.ToJsonString());
    }
}
