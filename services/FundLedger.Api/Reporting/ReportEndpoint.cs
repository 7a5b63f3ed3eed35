using System.Text;
using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.Security;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class ReportEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/report", OperationId = "GetDepartmentReport")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The 决算说明 of a department for the year, generated from the events: JSON, or markdown with format=markdown")]
    [ProducesResponseType<DepartmentReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? lang, string? format, string? asOf,
        HttpContext http, IDocumentStore store, LineCache cache, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        lang ??= "zh";
        format ??= "json";
        var f = new Fields();
        if (lang is not ("zh" or "en")) f.Add("lang", "must be zh or en");
        if (format is not ("json" or "markdown")) f.Add("format", "must be json or markdown");
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var previousYear = year - 1;
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        var departments = lines.Where(a => a.Year == year).Select(a => a.DepartmentCode).Distinct().ToList();
        department ??= departments.Count == 1 ? departments[0] : null;
        if (department is null)
            return Refusal.Invalid("department", $"is required: {year} has {departments.Count} departments ({string.Join(", ", departments.Order())})").ToResult(http);
        lines = lines.Where(a => a.DepartmentCode == department).ToList();
        if (!lines.Any(a => a.Year == year))
            return Refusal.NotFound("department", $"Department {department} has no appropriations in {year}.").ToResult(http);

        var events = await LedgerSnapshot.EventsAsync(session, year, instant, ct);
        var report = DepartmentReportBuilder.Build(year, department, lines.Where(a => a.Year == year).ToList(),
            lines.Where(a => a.Year == previousYear).ToList(), events, lang);
        return format == "markdown" ? Results.Text(report.Markdown, "text/markdown; charset=utf-8", Encoding.UTF8) : Results.Ok(report);
    }
}
