using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Appropriations;

/// <summary>Every income category of the 收入决算表 and every column of the 支出决算表, as a line's source and kind.</summary>
public sealed class FundCategoryTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Lines_of_every_source_and_kind_are_recorded_and_grouped_under_their_published_names()
    {
        var api = NewDistrict();
        var lines = new (string Code, string Kind, string Source)[]
        {
            ("U", "upper-remittance", "upper-subsidy"), ("B", "basic", "business"), ("O", "operating", "operating"),
            ("A", "affiliated-subsidy", "affiliated"), ("P", "project", "general-budget"),
        };
        foreach (var (code, kind, source) in lines)
            Assert.Equal(HttpStatusCode.Created, (await api.Enact(code, 1_000m, kind: kind, fundSource: source)).Status);
        await api.Disburse("O", "V1", 400m);

        var bySource = await api.Get("execution?by=fund-source");
        var byKind = await api.Get("execution?by=kind");
        var byProject = await api.Get("execution?by=project");

        Assert.Equal(["affiliated", "business", "general-budget", "operating", "upper-subsidy"],
            bySource.Node("rows")!.AsArray().Select(r => r!["key"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var kinds = byKind.Node("rows")!.AsArray().ToDictionary(r => r!["key"]!.GetValue<string>(), r => r!["name"]!.GetValue<string>());
        Assert.Equal("经营支出", kinds["operating"]);
        Assert.Equal("对附属单位补助支出", kinds["affiliated-subsidy"]);
        Assert.Equal("上缴上级支出", kinds["upper-remittance"]);
        var operating = byProject.Node("rows")!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "operating")!;
        Assert.Equal(400m, operating["executed"]!.GetValue<decimal>());
        Assert.Equal(5_000m, byProject.Money("totals.adjusted"));

        var bad = await api.Enact("X", 1m, kind: "transfer", fundSource: "lottery");
        Assert.Equal(["fundSource", "kind"], bad.ErrorFields.Order());
        Assert.Contains("affiliated", bad.Node("errors")!["fundSource"]![0]!.GetValue<string>());
    }
}
