using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class YearOverYearEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/year-over-year", OperationId = "GetYearOverYear")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("财政拨款收、支总计 against the previous year, per project 新增 / 增加 / 减少, with the explanation")]
    [EndpointDescription("Total 财政拨款 income and expenditure against the previous year, the projects that are new, grew or " +
        "shrank, and the explanation paragraph; department narrows it to one department.")]
    [ProducesResponseType<YearOverYearReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? lang, string? department, string? asOf, HttpContext http,
        LedgerStore store, LineCache cache, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        var f = new Fields();
        var language = Language.Parse(f, lang);
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var previousYear = year - 1;
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        if (department is not null)
        {
            lines = lines.Where(a => a.DepartmentCode == department).ToList();
            // A mistyped department is told, not answered with a comparison of nothing against nothing.
            if (lines.Count == 0)
                return Refusal.NotFound("department", $"Department {department} has no appropriations in {previousYear} or {year}.")
                    .ToResult(http);
        }
        return Results.Ok(YearOverYear.Report(year,
            lines.Where(a => a.Year == year).ToList(), lines.Where(a => a.Year == previousYear).ToList(), language));
    }
}
