using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Reporting;
using FundLedger.Security;
using FundLedger.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Audit;

[Tags("Audit")]
public static class AuditEndpoints
{
    public const int MaxPage = 10_000;

    [WolverineGet("/api/v1/districts/{district}/audit/events", OperationId = "GetAuditEvents")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("The district's events in sequence order as NDJSON (one AuditEvent per line), from fromSequence, at most limit, " +
        "filtered by stream, type, sequence and recorded-time range")]
    [EndpointDescription("NDJSON, one AuditEvent per line: type, data, stream, version, sequence, recorded instant, who, correlation id " +
        "and the hash chaining it to the event before. Filters: stream (e.g. 2020/P01), type (event types, comma-separated), " +
        "toSequence, recordedFrom (inclusive) and recordedTo (exclusive). A full page carries Link: <…>; rel=\"next\", the same " +
        "query from the sequence after its last event.")]
    [ProducesResponseType<AuditEvent>(200, "application/x-ndjson")]
    public static async Task<IResult> Feed(string district, string? fromSequence, string? toSequence, string? limit, string? stream,
        string? type, string? recordedFrom, string? recordedTo, HttpContext http, LedgerStore store,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (PathChecks.CheckDistrict(district) is { } bad) return bad.ToResult(http);
        var f = new Fields();
        var from = long.TryParse(fromSequence ?? "1", out var s) && s >= 0 ? s : -1;
        var take = int.TryParse(limit ?? "1000", out var l) && l is > 0 and <= MaxPage ? l : -1;
        long? to = toSequence is null ? null : long.TryParse(toSequence, out var t) && t >= 0 ? t : -1;
        if (from < 0) f.Add("fromSequence", "must be a sequence number, 0 or more");
        if (to < 0) f.Add("toSequence", "must be a sequence number, 0 or more");
        if (take < 0) f.Add("limit", $"must be between 1 and {MaxPage}");
        if (stream is not null && (stream.Length is 0 or > 200 || stream.Any(char.IsControl)))
            f.Add("stream", "must be a stream id such as 2020/P01");
        var types = (type ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var known = LedgerEvents.Names;
        foreach (var unknown in types.Where(x => !known.Contains(x)))
            f.Add("type", $"{unknown} is not an event type (one of {string.Join(", ", known)})");
        if (LedgerSnapshot.ParseAsOf(recordedFrom, out var since) is not null) f.Add("recordedFrom", "must be an ISO 8601 instant");
        if (LedgerSnapshot.ParseAsOf(recordedTo, out var until) is not null) f.Add("recordedTo", "must be an ISO 8601 instant");
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var filter = new FeedFilter(from, take, stream, to, types, since, until);
        var events = await EventFeed.ReadAsync(session, filter, ct);
        if (events.Count == take) http.Response.Headers.Link = $"<{NextPage(http, events[^1].Sequence + 1)}>; rel=\"next\"";
        return new NdJson<AuditEvent>(events, json.Value.SerializerOptions);
    }

    /// <summary>The same request from another sequence: the next page of a full one.</summary>
    private static string NextPage(HttpContext http, long fromSequence)
    {
        var query = http.Request.Query.Where(q => q.Key != "fromSequence")
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new("fromSequence", fromSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return http.Request.Path + QueryString.Create(query).ToUriComponent();
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations/{code}/events", OperationId = "GetAppropriationEvents")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("One appropriation's full history, oldest first")]
    [EndpointDescription("Every event of the line's stream, oldest first, with who recorded it, when, and its hash; with asOf, " +
        "those recorded up to that instant.")]
    [ProducesResponseType<IReadOnlyList<AuditEvent>>(200)]
    public static async Task<IResult> History(
        string district, int year, string code, string? asOf, HttpContext http, LedgerStore store, CancellationToken ct)
    {
        if (LedgerSnapshot.CheckRead(district, year, asOf, out var instant) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var events = await EventFeed.ReadAsync(session, new FeedFilter(0, int.MaxValue, Appropriation.KeyFor(year, code)), ct);
        var then = events.Where(e => instant is null || e.RecordedAt <= instant).ToList();
        return then.Count == 0 ? Appropriation.NotFound(year, code).ToResult(http) : Results.Ok(then);
    }

    [WolverineGet("/api/v1/districts/{district}/audit/verify", OperationId = "VerifyAudit")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("Recompute the hash chain and rebuild every projection from the events alone; report any difference")]
    [EndpointDescription("Walks the hash chain and rebuilds the projections from the events alone; ok is true only when every link and " +
        "every figure agrees, and each difference is listed.")]
    [ProducesResponseType<AuditVerification>(200)]
    public static async Task<IResult> Verify(string district, HttpContext http, LedgerStore store, CancellationToken ct)
    {
        if (PathChecks.CheckDistrict(district) is { } bad) return bad.ToResult(http);
        return Results.Ok(await AuditVerifier.VerifyAsync(store, district, ct));
    }

    [WolverineGet("/api/v1/districts/{district}/audit/bundle", OperationId = "GetAuditBundle")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("A district-year for auditors: events with their chain links, the figures, execution and variance, " +
        "the chain head; check it offline with contracts/FundLedger.BundleVerifier")]
    [EndpointDescription("One file for an auditor: the year's events with their chain links, the figures, execution and variance, and " +
        "the chain head; contracts/FundLedger.BundleVerifier checks it offline.")]
    [ProducesResponseType<AuditBundle>(200)]
    public static async Task<IResult> Bundle(
        string district, int? year, HttpContext http, LedgerStore store, ILedgerLines ledger, CancellationToken ct)
    {
        if (year is null) return Refusal.Invalid("year", "is required").ToResult(http);
        if (PathChecks.Check(district, year.Value) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        return Results.Ok(await BundleExport.ExportAsync(session, ledger, year.Value, ct));
    }

    /// <summary>Newline-delimited JSON: one event per line, so a feed of any length can be read as it arrives.</summary>
    private sealed class NdJson<T>(IEnumerable<T> items, JsonSerializerOptions options) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            foreach (var item in items)
            {
                await JsonSerializer.SerializeAsync(context.Response.Body, item, options);
                await context.Response.Body.WriteAsync("\n"u8.ToArray());
            }
        }
    }
}
