using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using System.Text;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>A project's 绩效自评表 and a department's 绩效评价情况.</summary>
[Tags("Performance")]
public static class PerformanceReadEndpoints
{
    [WolverineGet(SetPerformanceGoals.ProjectPath, OperationId = "GetProjectPerformance")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("A project's 绩效自评表: JSON, or markdown laid out like the published table with format=markdown")]
    [EndpointDescription("The 绩效自评表: funding from the ledger, indicators, scores as given and by the rules, the grade and any " +
        "flags.")]
    [ProducesResponseType<PerformanceSheet>(200)]
    public static async Task<IResult> Get(string district, int year, string code, string? lang, string? format, string? asOf,
        HttpContext http, LedgerStore store, ILedgerLines ledger, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        if (ReadOptions.Check(lang, format, out var language) is { } badOption) return badOption.ToResult(http);
        await using var session = store.QuerySession(district);
        var line = await LedgerSnapshot.AppropriationAsync(session, ledger, year, code, instant, ct);
        if (line is null) return Appropriation.NotFound(year, code).ToResult(http);
        if (line.Goals is null)
            return Refusal.NotFound("performance",
                $"Appropriation {code} of {year} has no performance goals{(instant is null ? "" : " at that instant")}.").ToResult(http);
        var sheet = PerformanceSheets.Of(line);
        return format == "markdown" ? Markdown(PerformanceMarkdown.Of(sheet, language)) : Results.Ok(sheet);
    }
    [WolverineGet("/api/v1/districts/{district}/years/{year}/performance", OperationId = "GetPerformanceSummary")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("A department's 绩效评价情况 for the year: projects evaluated, money involved, " +
        "counts per evaluation type and grade, the 决算说明 paragraph")]
    [EndpointDescription("Projects evaluated, coverage, money involved, counts per evaluation type and grade band, each project's score, " +
        "and the 绩效评价情况 paragraph.")]
    [ProducesResponseType<PerformanceSummary>(200)]
    public static async Task<IResult> Summary(string district, int year, string? department, string? lang, string? asOf,
        HttpContext http, LedgerStore store, ILedgerLines ledger, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        if (ReadOptions.Check(lang, null, out var language) is { } badOption) return badOption.ToResult(http);
        await using var session = store.QuerySession(district);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, ledger, year, instant, ct);
        var (chosen, refusal) = ReadOptions.Department(year, department, lines);
        if (refusal is not null) return refusal.ToResult(http);
        var name = lines.First(a => a.DepartmentCode == chosen).DepartmentName;
        return Results.Ok(PerformanceSummaries.Of(year, chosen!, name, lines, language));
    }

    private static IResult Markdown(string text) => Results.Text(text, "text/markdown; charset=utf-8", Encoding.UTF8);
}
