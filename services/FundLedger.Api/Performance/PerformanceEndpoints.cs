using System.Text;
using FundLedger.Appropriations;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Performance;

[Tags("Performance")]
public static class PerformanceEndpoints
{
    private const string Project = "/api/v1/districts/{district}/years/{year}/appropriations/{code}/performance";

    [WolverinePost(Project + "/goals", OperationId = "SetPerformanceGoals")]
    [RequiresScope(Scopes.PerformanceWrite)]
    [EndpointSummary("Set or revise a project's performance goals (绩效目标) and indicators")]
    [EndpointDescription("Records PerformanceGoalsSet on the project's stream. revision is the business key: the same body replays, " +
        "another is 409 performance-goals-conflict, a skipped number 409 revision-conflict. The weights plus the execution weight must " +
        "make 100; goals are fixed once the project is evaluated.")]
    [ProducesResponseType<PerformanceSheet>(201)]
    public static async Task<IResult> SetGoals(string district, int year, string code, SetPerformanceGoalsRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (CheckWrite(district, year, code, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = SetPerformanceGoals.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new SetPerformanceGoals.Write(district, year, code, command!,
            RequestFingerprint.Of("performance-goals", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }

    [WolverinePost(Project + "/evaluations", OperationId = "RecordEvaluation")]
    [RequiresScope(Scopes.PerformanceWrite)]
    [EndpointSummary("Record a project's evaluation (绩效自评 or 部门评价) after its year; a later revision supersedes it")]
    [EndpointDescription("Records PerformanceEvaluated once the year is over. A score above its weight is refused; scores that depart " +
        "from the scoring rules are kept as given and flagged in the reads. A later revision supersedes, and both stay in the history; " +
        "another body under the same revision is 409 evaluation-conflict.")]
    [ProducesResponseType<PerformanceSheet>(201)]
    public static async Task<IResult> Evaluate(string district, int year, string code, RecordEvaluationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (CheckWrite(district, year, code, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = RecordEvaluation.Validate(request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new RecordEvaluation.Write(district, year, code, command!,
            RequestFingerprint.Of("evaluate", request, ("year", year), ("code", code)), idempotencyKey), http, idempotencyKey);
    }

    [WolverineGet(Project, OperationId = "GetProjectPerformance")]
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

    private static Refusal? CheckWrite(string district, int year, string code, string? idempotencyKey)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad;
        var f = new Fields();
        f.Code("appropriationCode", code);
        return f.Ok ? null : f.Refusal();
    }

    private static IResult Markdown(string text) => Results.Text(text, "text/markdown; charset=utf-8", Encoding.UTF8);
}
