using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class ExecutionEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/execution", OperationId = "GetExecution")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("Execution figures (执行率) grouped by department, project, function class/section/item, economic " +
        "class/section, 人员经费/公用经费, kind, fund source or quarter")]
    [EndpointDescription("Rows grouped as the by parameter asks, each with budget, executed, quarters and execution rate, and their " +
        "total. By a function classification each row is named by the year's code list (GET …/classifications/function); a code " +
        "the list lacks has unknownCode true. By economic-class (类) or economic-section (款) a line's budget is in the row of its " +
        "own class and each payment in the row of the class it named, so a 302 line that paid 30217 shows that payment under " +
        "30217; basic-expense splits 基本支出 into 人员经费 (301, 303) and 公用经费, with every project line in one " +
        "项目支出 row. " +
        "Lines without an economic class form one unclassified row. Rows always foot to the totals.")]
    [ProducesResponseType<ExecutionReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? by, string? asOf, HttpContext http, LedgerStore store,
        LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        by ??= "department";
        if (!ExecutionGrouping.Dimensions.Contains(by))
            return Refusal.Invalid("by", $"must be one of: {string.Join(", ", ExecutionGrouping.Dimensions)}").ToResult(http);

        await using var session = store.QuerySession(district);
        var named = ExecutionGrouping.ByFunction(by);
        if (instant is not null)
            return Results.Ok(ExecutionGrouping.Build(year, by, await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct))
                .Named(named ? await classifications.ForAsync(session, year, instant, ct) : null));
        // Live figures: grouped once per snapshot of the year's lines, however many dashboards ask for them, and named by the
        // year's list as of the same snapshot.
        var snapshot = await cache.SnapshotAsync(district, year, ct);
        return Results.Ok((await snapshot.ExecutionAsync(year, by))
            .Named(named ? await classifications.ForAsync(session, year, null, ct, snapshot.Head) : null));
    }
}
