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
    [EndpointSummary("Execution figures (执行率) grouped by department, project, function class/section/item, " +
        "kind, fund source or quarter")]
    [EndpointDescription("Rows grouped as the by parameter asks, each with budget, executed, quarters and execution rate, and their " +
        "total. By a function classification each row is named by the year's code list (GET …/classifications/function); a code " +
        "the list lacks has unknownCode true.")]
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
