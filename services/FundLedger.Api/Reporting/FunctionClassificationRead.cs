using FundLedger.Appropriations;
using FundLedger.Http;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

/// <summary>The function classification a year's appropriations are coded against, now or at an instant.</summary>
[Tags("Appropriations")]
public static class FunctionClassificationReadEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/classifications/function", OperationId = "GetFunctionClassification")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The year's 支出功能分类 code list as the reports use it: every code, its name and where the name comes from")]
    [EndpointDescription("The codes shipped for the year and those the district loaded (source: shipped or the listId), and each " +
        "loaded list with who recorded it and when; with asOf, the lists loaded by then.")]
    [ProducesResponseType<FunctionClassificationList>(200)]
    public static async Task<IResult> Get(string district, int year, string? asOf, HttpContext http, LedgerStore store,
        CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var list = await FunctionClassification.ReadAsync(session, year, instant, ct);
        return Results.Ok(new FunctionClassificationList(year, list.Shipped, list.Entries.ToList(), list.Loaded
            .Select(LoadFunctionClassification.Summary).ToList()));
    }
}
