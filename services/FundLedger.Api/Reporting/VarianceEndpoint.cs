using FundLedger.Appropriations;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class VarianceEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/years/{year}/variance", OperationId = "GetVariance")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("Final against original budget per function class, section or item, " +
        "with the 决算说明 explanation and the events behind each reason")]
    [EndpointDescription("Per classification node: original and final budget, the change and its percentage, the explanation in the " +
        "report's style, and reasons with the sequence numbers of the events behind each.")]
    [ProducesResponseType<VarianceReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? level, string? lang, string? fundSource, string? asOf,
        HttpContext http, LedgerStore store, LineCache cache, ClassificationCache classifications, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        level ??= "section";
        fundSource ??= "general-budget";
        var f = new Fields();
        if (!VarianceNodes.Levels.ContainsKey(level)) f.Add("level", "must be one of: class, section, item");
        var language = Language.Parse(f, lang);
        if (fundSource != "all" && !Wire.Names<FundSource>().ContainsKey(fundSource))
            f.Add("fundSource", $"must be all or one of: {string.Join(", ", Wire.Names<FundSource>().Keys)}");
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct);
        if (fundSource != "all") lines = lines.Where(a => a.OriginFundSource == Wire.Names<FundSource>()[fundSource]).ToList();
        var events = await LedgerSnapshot.EventsAsync(session, year, instant, ct);
        var codes = await classifications.ForAsync(session, year, instant, ct);

        return Results.Ok(
            new VarianceReport(year, level, fundSource, language.Code, VarianceNodes.Of(year, level, lines, events, codes, language)));
    }
}
