using System.Text;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Http;
using FundLedger.Procurement;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class ReportEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/report", OperationId = "GetDepartmentReport")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The 决算说明 of a department for the year, generated from the events: JSON, or markdown with format=markdown")]
    [EndpointDescription("The department's 决算说明 for the year (totals, execution, variance, year over year, carry-forwards, " +
        "performance and their explanations), generated from the events alone. format=markdown lays it out as the published report.")]
    [ProducesResponseType<DepartmentReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? lang, string? format, string? asOf,
        HttpContext http, LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        if (ReadOptions.Check(lang, format, out var language) is { } badOption) return badOption.ToResult(http);

        await using var session = store.QuerySession(district);
        var previousYear = year - 1;
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        var (chosen, refusal) = ReadOptions.Department(year, department, lines);
        if (refusal is not null) return refusal.ToResult(http);
        lines = lines.Where(a => a.DepartmentCode == chosen).ToList();

        var events = await LedgerSnapshot.EventsAsync(session, year, instant, ct);
        var codes = await classifications.ForAsync(session, year, instant, ct);
        var current = lines.Where(a => a.Year == year).ToList();
        var previous = lines.Where(a => a.Year == previousYear).ToList();
        var profile = (await DepartmentProfileRevisions.RevisionsAsync(session, year, chosen!, instant, ct)).LastOrDefault();
        var contracts = await ProcurementContractsReader.ContractsAsync(session, year, instant, ct);
        var three = ThreePublicExpenses.Build(year, chosen, current, previous, profile is null ? [] : [profile], events, instant);
        var partThree = new PartThree(three, ProcurementReportBuilder.Build(year, chosen, ProcurementBasis.Payments, contracts, instant),
            profile, FinalAccountsTables.Build(year, chosen!, current, codes, three, instant));
        var report = DepartmentReportBuilder.Build(year, chosen!, current, previous, events, codes, language, partThree);
        return format is "markdown" ? Results.Text(report.Markdown, "text/markdown; charset=utf-8", Encoding.UTF8) : Results.Ok(report);
    }
}
