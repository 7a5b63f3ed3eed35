using System.Net;
using System.Text.Json.Nodes;

namespace FundLedger.Tests.Reporting;

/// <summary>
/// The department report and year over year as a dashboard reads them: the options each refuses, the department
/// each is about, and the answer as recorded at an instant.
/// </summary>
public sealed class ReportReadTests(LedgerApp app) : LedgerTest(app)
{
    /// <summary>Two departments with a project each in 2019 and 2020.</summary>
    private async Task<Api> TwoDepartments()
    {
        var api = NewDistrict();
        foreach (var year in new[] { 2019, 2020 })
        {
            var y = api.InYear(year);
            await y.Enact("P1", year == 2019 ? 100m : 150m, department: "D01", projectCode: "PRJ-1");
            await y.Enact("P2", year == 2019 ? 300m : 200m, department: "D02", projectCode: "PRJ-2");
        }
        return api;
    }

    /// <summary>The instant the district's last event was recorded, escaped for a query string.</summary>
    private static async Task<string> LastRecordedAt(Api api)
    {
        var raw = (await api.Get($"/api/v1/districts/{api.District}/audit/events")).Raw;
        var last = JsonNode.Parse(raw.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        return Uri.EscapeDataString(last["recordedAt"]!.GetValue<DateTimeOffset>().ToString("O"));
    }

    [Theory]
    [InlineData("report", HttpStatusCode.BadRequest, "department")]                    // two departments: which one?
    [InlineData("report?department=D09", HttpStatusCode.NotFound, null)]
    [InlineData("report?department=D01&lang=fr", HttpStatusCode.BadRequest, "lang")]
    [InlineData("report?department=D01&format=pdf", HttpStatusCode.BadRequest, "format")]
    [InlineData("report?department=D01&asOf=yesterday", HttpStatusCode.BadRequest, "asOf")]
    [InlineData("year-over-year?department=D09", HttpStatusCode.NotFound, null)]
    [InlineData("year-over-year?lang=fr", HttpStatusCode.BadRequest, "lang")]
    [InlineData("year-over-year?asOf=yesterday", HttpStatusCode.BadRequest, "asOf")]
    public async Task A_report_option_it_cannot_honour_is_refused_naming_it(string query, HttpStatusCode status, string? field)
    {
        var api = await TwoDepartments();

        var answer = await api.Get(query);

        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        if (field is not null) Assert.Equal([field], answer.ErrorFields);
        else Assert.Equal("https://fundledger.org/problems/department-not-found", answer.Text("type"));
    }

    [Fact]
    public async Task Year_over_year_narrowed_to_a_department_compares_only_its_lines()
    {
        var api = await TwoDepartments();

        var all = await api.Get("year-over-year");
        var d01 = await api.Get("year-over-year?department=D01");

        Assert.Equal(350m, all.Money("total"));
        Assert.Equal(400m, all.Money("previousTotal"));
        Assert.Equal(150m, d01.Money("total"));
        Assert.Equal(100m, d01.Money("previousTotal"));
        var lines = d01.Node("lines")!.AsArray();
        var line = Assert.Single(lines);
        Assert.Equal("increase", line!["change"]!.GetValue<string>());
        Assert.Equal(50m, line["difference"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_report_and_year_over_year_answer_as_recorded_at_an_instant()
    {
        var api = await TwoDepartments();
        var then = await LastRecordedAt(api);
        var reportThen = await api.Get("report?department=D01");
        var yearOverYearThen = await api.Get("year-over-year?department=D01");

        await api.Adjust("P1", "A1", "supplement", 40m);
        await api.Disburse("P1", "V1", 90m);

        var reportNow = await api.Get("report?department=D01");
        var reportAsOf = await api.Get($"report?department=D01&asOf={then}");
        var yearOverYearAsOf = await api.Get($"year-over-year?department=D01&asOf={then}");
        Assert.NotEqual(reportThen.Raw, reportNow.Raw);
        Assert.Equal(reportThen.Raw, reportAsOf.Raw);
        Assert.Equal(yearOverYearThen.Raw, yearOverYearAsOf.Raw);
        Assert.Equal(190m, (await api.Get("year-over-year?department=D01")).Money("total"));
    }
}
