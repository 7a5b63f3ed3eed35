using System.Net;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Appropriations;

/// <summary>
/// Codes are named by the year's 政府收支分类科目: the list shipped for the samples' years, and lists a district loads over
/// HTTP (recorded as events, who and when). Execution by classification answered name: null on every row before; a code no
/// list has is flagged.
/// </summary>
public sealed class ClassificationTests(LedgerApp app) : LedgerTest(app)
{
    private static object List(string listId, params (string Code, string Name)[] codes) => new
    {
        listId, source = "财政部《2022年政府收支分类科目》", codes = codes.Select(c => new { code = c.Code, name = c.Name }),
    };

    [Fact]
    public async Task Execution_and_variance_name_every_code_of_the_shipped_list_and_flag_one_it_lacks()
    {
        var api = NewDistrict();
        await api.Enact("P1", 100m, functionClass: "2070899");
        await api.Enact("P2", 100m, functionClass: "2990101");
        foreach (var (by, known, unknown) in new[] { ("function-class", "207", "299"), ("function-section", "20708", "29901"),
                     ("function-item", "2070899", "2990101") })
        {
            var rows = (await api.Get($"execution?by={by}")).Body!["rows"]!.AsArray();
            var named = rows.Single(r => r!["key"]!.GetValue<string>() == known)!;
            Assert.False(string.IsNullOrEmpty(named["name"]?.GetValue<string>()), by);
            Assert.False(named["unknownCode"]!.GetValue<bool>());
            var flagged = rows.Single(r => r!["key"]!.GetValue<string>() == unknown)!;
            Assert.True(flagged["unknownCode"]!.GetValue<bool>(), by);
            Assert.Null(flagged["name"]);
        }
        Assert.Equal("文化旅游体育与传媒支出",
            (await api.Get("execution?by=function-class")).Body!["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "207")!
                ["name"]!.GetValue<string>());
        var nodes = (await api.Get("variance?level=section")).Body!["nodes"]!.AsArray();
        Assert.Equal("广播电视", nodes.Single(n => n!["code"]!.GetValue<string>() == "20708")!["name"]!.GetValue<string>());
        Assert.True(nodes.Single(n => n!["code"]!.GetValue<string>() == "29901")!["unknownCode"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_list_loaded_over_HTTP_names_codes_of_a_year_nothing_was_shipped_for_and_is_recorded_with_who_and_when()
    {
        var api = NewDistrict(2022);
        await api.Enact("P1", 100m, functionClass: "2070899", enactedOn: "2022-01-01");
        Assert.True((await api.Get("execution?by=function-item")).Body!["rows"]![0]!["unknownCode"]!.GetValue<bool>());

        var clerk = api.WithToken(App.Token(api.District, subject: "wang.wu", clientId: "mof-sync"));
        object Mof() => List("MOF-2022",
            ("207", "文化旅游体育与传媒支出"), ("20708", "广播电视"), ("2070899", "其他广播电视支出"));
        var load = await clerk.Post("classifications/function", Mof());
        Assert.True(load.Status == HttpStatusCode.Created, load.Raw);
        Assert.Equal(("MOF-2022", 3, "wang.wu"), (load.Text("listId"), load.Body!["codes"]!.GetValue<int>(), load.Text("recordedBy")));

        var row = (await api.Get("execution?by=function-item")).Body!["rows"]![0]!;
        Assert.Equal(("其他广播电视支出", false), (row["name"]!.GetValue<string>(), row["unknownCode"]!.GetValue<bool>()));
        var list = (await api.Get("classifications/function")).Body!;
        var section = list["codes"]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == "20708")!;
        Assert.Equal("MOF-2022", section["source"]!.GetValue<string>());
        var loaded = list["loaded"]!.AsArray().Single()!;
        Assert.Equal(("wang.wu", "mof-sync"), (loaded["recordedBy"]!.GetValue<string>(), loaded["clientId"]!.GetValue<string>()));

        // A retry is the same list; another body under its id is refused; the event is in the audit feed, chained.
        var retry = await clerk.Post("classifications/function", Mof());
        Assert.True(retry.Replayed);
        var other = await clerk.Post("classifications/function", List("MOF-2022", ("207", "改名")));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("classification-conflict", other.Raw);
        var feed = await api.Send(HttpMethod.Get,
            $"/api/v1/districts/{api.District}/audit/events?type=function_classification_loaded", null);
        var recorded = JsonNode.Parse(feed.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single())!;
        Assert.Equal(("classification/2022/MOF-2022", "wang.wu"),
            (recorded["stream"]!.GetValue<string>(), recorded["user"]!.GetValue<string>()));
        Assert.True((await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/verify", null)).Body!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_later_list_renames_the_codes_it_repeats()
    {
        var api = NewDistrict();
        await api.Enact("P1", 100m, functionClass: "2070899");
        await api.Post("classifications/function", List("RENAME", ("20708", "广播电视（改）")));
        var row = (await api.Get("execution?by=function-section")).Body!["rows"]![0]!;
        Assert.Equal("广播电视（改）", row["name"]!.GetValue<string>());
        Assert.Equal("文化旅游体育与传媒支出",
            (await api.Get("execution?by=function-class")).Body!["rows"]![0]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"listId":"L","source":"s","codes":[{"code":"20","name":"x"}]}""", "codes[0].code")]
    [InlineData("""{"listId":"L","source":"s","codes":[{"code":"207","name":"x"},{"code":"207","name":"y"}]}""", "codes[1].code")]
    [InlineData("""{"listId":"L","source":"s","codes":[{"code":"207","name":""}]}""", "codes[0].name")]
    [InlineData("""{"listId":"L","source":"s","codes":[]}""", "codes")]
    [InlineData("""{"listId":"L","codes":[{"code":"207","name":"x"}]}""", "source")]
    [InlineData("""{"listId":"a b","source":"s","codes":[{"code":"207","name":"x"}]}""", "listId")]
    public async Task A_bad_list_is_refused_naming_the_field_and_records_nothing(string body, string field)
    {
        var api = NewDistrict();
        var answer = await api.Post("classifications/function", body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal([field], answer.ErrorFields);
        Assert.Empty((await api.Get("classifications/function")).Body!["loaded"]!.AsArray());
    }
}
