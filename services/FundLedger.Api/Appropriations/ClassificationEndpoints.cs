using FundLedger.Http;
using FundLedger.Ledger;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Appropriations;

[Tags("Appropriations")]
public static class ClassificationEndpoints
{
    [WolverinePost("/api/v1/districts/{district}/years/{year}/classifications/function", OperationId = "LoadFunctionClassification")]
    [RequiresScope(Scopes.BudgetWrite)]
    [RequestSizeLimit(BodyChecks.Batch)]
    [EndpointSummary("Load (part of) the year's 政府收支分类科目 (支出功能分类): codes and their names")]
    [EndpointDescription("Records FunctionClassificationLoaded (who, when, from where). The year's list is the one shipped with the " +
        "service for that year (the samples' years) followed by every list loaded, in order: each adds codes and renames those it " +
        "repeats. listId is the business key: a retry replays the first answer, another body under it is 409 " +
        "classification-conflict. Reports name codes by the list and flag those it lacks (unknownCode).")]
    [ProducesResponseType<ClassificationListSummary>(201)]
    public static async Task<IResult> Record(string district, int year, LoadFunctionClassificationRequest request,
        [FromHeader(Name = Headers.IdempotencyKey)] string? idempotencyKey, HttpContext http, LedgerWriter writer)
    {
        if (PathChecks.CheckWrite(district, year, idempotencyKey) is { } bad) return bad.ToResult(http);
        var (command, invalid) = LoadFunctionClassification.Validate(year, request);
        if (invalid is not null) return invalid.ToResult(http);
        return await writer.WriteAsync(new LoadFunctionClassification.Write(district, command!,
            RequestFingerprint.Of("load-classification", request, ("year", year)), idempotencyKey), http, idempotencyKey);
    }

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
