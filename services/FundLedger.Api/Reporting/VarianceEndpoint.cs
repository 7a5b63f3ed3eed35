using FundLedger.Appropriations;
using FundLedger.Hosting;
using FundLedger.Security;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace FundLedger.Reporting;

[Tags("Reporting")]
public static class VarianceEndpoint
{
    private static readonly IReadOnlyDictionary<string, Func<string, string>> Levels = new Dictionary<string, Func<string, string>>
    {
        ["class"] = FunctionCode.Class, ["section"] = FunctionCode.Section, ["item"] = FunctionCode.Item,
    };

    [WolverineGet("/api/v1/districts/{district}/years/{year}/variance", OperationId = "GetVariance")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("Final against original budget per function class, section or item, with the 决算说明 explanation and the events behind each reason")]
    [ProducesResponseType<VarianceReport>(200)]
    public static async Task<IResult> Get(string district, int year, string? level, string? lang, string? fundSource, string? asOf,
        HttpContext http, IDocumentStore store, LineCache cache, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        level ??= "section";
        lang ??= "zh";
        fundSource ??= "general-budget";
        var f = new Fields();
        if (!Levels.ContainsKey(level)) f.Add("level", "must be one of: class, section, item");
        if (lang is not ("zh" or "en")) f.Add("lang", "must be zh or en");
        if (fundSource != "all" && !WireNames.FundSources.ContainsKey(fundSource)) f.Add("fundSource", $"must be all or one of: {string.Join(", ", WireNames.FundSources.Keys)}");
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, cache, year, instant, ct);
        if (fundSource != "all") lines = lines.Where(a => a.OriginFundSource == WireNames.FundSources[fundSource]).ToList();
        var events = await LedgerSnapshot.EventsAsync(session, year, instant, ct);

        return Results.Ok(new VarianceReport(year, level, fundSource, lang, Nodes(year, level, lines, events, lang)));
    }

    /// <summary>The variance of each classification node at a level, over lines already filtered by fund source.</summary>
    public static IReadOnlyList<VarianceNode> Nodes(int year, string level, IEnumerable<Appropriation> lines, IReadOnlyList<LineEvent> events, string lang) =>
        lines.GroupBy(a => Levels[level](a.FunctionClass))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Node(year, g.Key, g.ToList(), events, lang))
            .ToList();

    private static VarianceNode Node(int year, string code, IReadOnlyCollection<Appropriation> lines, IReadOnlyList<LineEvent> events, string lang)
    {
        var original = lines.Sum(a => a.Original);
        var final = lines.Sum(a => a.Executed);
        var change = final - original;
        var reasons = VarianceReasons.Derive(lines, events);
        return new VarianceNode(code, FunctionNames.Of(code), lines.Count,
            original.Yuan, final.Yuan, change.Yuan, original == Money.Zero ? null : Rounding.Percent(change, original),
            Rounding.ToWanYuan(original), Rounding.ToWanYuan(final), Rounding.ToWanYuan(change),
            ExplanationFormatter.Explain(year, original, final, reasons, lang),
            reasons.Select(r => new VarianceReasonFigures(Kebab(r.Kind), r.Label, r.Effect.Yuan, Rounding.ToWanYuan(r.Effect), r.Sequences)).ToList());
    }

    private static string Kebab(ReasonKind kind) => kind switch
    {
        ReasonKind.CarryForward => "carry-forward",
        ReasonKind.NewLine => "new-line",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
