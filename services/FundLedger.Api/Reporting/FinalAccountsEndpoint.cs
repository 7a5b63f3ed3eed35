using System.Text;
using FundLedger.Departments;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class FinalAccountsEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/final-accounts", OperationId = "GetFinalAccounts")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The nine standard tables of the 部门决算, from the events: JSON, markdown or one XLSX workbook")]
    [EndpointDescription("收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表, " +
        "一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, " +
        "财政拨款“三公”经费支出决算表, 政府性基金预算财政拨款收入支出决算表 and " +
        "国有资本经营预算财政拨款支出决算表, under the keys the contract names; " +
        "each figure exact in 元 and in 万元. An empty " +
        "table keeps its columns and carries its 空表说明. format=xlsx is one workbook, a sheet per table, numbers as numbers. " +
        "department is required when the year has several; asOf as on every read.")]
    [ProducesResponseType<FinalAccounts>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? format, string? asOf, HttpContext http,
        LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        var f = new Fields();
        if (format is not (null or "json" or "markdown" or "xlsx")) f.Add("format", "must be json, markdown or xlsx");
        var bad = LedgerSnapshot.CheckRead(district, year, asOf, out var instant) ?? (f.Ok ? null : f.Refusal());
        if (bad is not null) return bad.ToResult(http);

        await using var session = store.QuerySession(district);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        var (chosen, refusal) = ReadOptions.Department(year, department, lines);
        if (refusal is not null) return refusal.ToResult(http);
        var unit = lines.Where(l => l.DepartmentCode == chosen).ToList();
        var codes = await classifications.ForAsync(session, year, instant, ct);
        var profiles = (await session.StreamEventsAsync(DepartmentProfile.KeyFor(year, chosen!), instant ?? DateTimeOffset.MaxValue, ct))
            .Select(e => e.Data).OfType<DepartmentProfileRecorded>().Where(p => p.DepartmentCode == chosen).ToList();
        // The table prints budget and final only: the reasons (which need the year's events) are the 说明's and the 三公 read's.
        var three = ThreePublicExpenses.Build(year, chosen, unit.Where(l => l.Year == year).ToList(),
            unit.Where(l => l.Year == year - 1).ToList(),
            profiles, [], instant);
        var accounts = FinalAccountsTables.Build(year, chosen!, unit.Where(l => l.Year == year).ToList(), codes, three, instant);
        return format switch
        {
            "markdown" => Results.Text(FinalAccountsMarkdown.Write(accounts), "text/markdown; charset=utf-8", Encoding.UTF8),
            "xlsx" => Results.File(FinalAccountsWorkbook.Write(accounts), FinalAccountsWorkbook.ContentType,
                $"final-accounts-{district}-{year}-{chosen}.xlsx"),
            _ => Results.Ok(accounts),
        };
    }
}
