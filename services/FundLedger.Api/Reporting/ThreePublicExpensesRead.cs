using FundLedger.Departments;
using FundLedger.Http;
using FundLedger.Kernel;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class ThreePublicExpensesReadEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/three-public-expenses", OperationId = "GetThreePublicExpenses")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("“三公”经费财政拨款决算: 因公出国（境）, 公务接待, 公务用车购置及运行维护, " +
        "against 年初预算 and last year")]
    [EndpointDescription("From the payments' 经济分类 (30212, 30217, 30231, 31013) on 财政拨款 lines, whatever line paid " +
        "them; 年初预算 is the original budget of the lines budgeted on those classes and of the 款 budgeted on them within " +
        "a line (economicBudgets), with the reasons their events and the 调剂 out of those 款 give. " +
        "公务接待 批次/人次 and the 运行维护 detail come from the payments, 保有量 from the units' profiles. " +
        "department narrows it to one unit; asOf as on every read.")]
    [ProducesResponseType<ThreePublicExpensesReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? department, string? asOf, HttpContext http, LedgerStore store,
        LineCache cache, CancellationToken ct)
    {
        var f = new Fields();
        if (department is not null) f.Code("department", department);
        var bad = LedgerSnapshot.CheckRead(district, year, asOf, out var instant) ?? (f.Ok ? null : f.Refusal());
        if (bad is not null) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct, withPreviousYear: true);
        var events = await LedgerSnapshot.EventsAsync(session, year, instant, ct);
        var profiles = (await session.StreamEventsAsync(DepartmentProfile.KeyFor(year, ""), instant ?? DateTimeOffset.MaxValue, ct))
            .Select(e => e.Data).OfType<DepartmentProfileRecorded>().ToList();
        return Results.Ok(ThreePublicExpenses.Build(year, department, lines.Where(l => l.Year == year).ToList(),
            lines.Where(l => l.Year == year - 1).ToList(), profiles, events, instant));
    }
}
