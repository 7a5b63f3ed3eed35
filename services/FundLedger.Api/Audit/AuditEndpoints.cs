using System.Text.Json;
using FundLedger.Ledger;
using FundLedger.Appropriations;
using FundLedger.Reporting;
using FundLedger.Security;
using Marten;
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
    [EndpointSummary("The district's events in sequence order as NDJSON (one AuditEvent per line), from fromSequence, at most limit")]
    [EndpointDescription("NDJSON, one AuditEvent per line: type, data, stream, version, sequence, recorded instant, who, correlation id " +
        "and the hash chaining it to the event before. Page with fromSequence and limit.")]
    [ProducesResponseType<AuditEvent>(200, "application/x-ndjson")]
    public static async Task<IResult> Feed(string district, string? fromSequence, string? limit, HttpContext http, IDocumentStore store,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (PathChecks.CheckDistrict(district) is { } bad) return bad.ToResult(http);
        var f = new Fields();
        var from = long.TryParse(fromSequence ?? "1", out var s) && s >= 0 ? s : -1;
        var take = int.TryParse(limit ?? "1000", out var l) && l is > 0 and <= MaxPage ? l : -1;
        if (from < 0) f.Add("fromSequence", "must be a sequence number, 0 or more");
        if (take < 0) f.Add("limit", $"must be between 1 and {MaxPage}");
        if (!f.Ok) return f.Refusal().ToResult(http);

        await using var session = store.QuerySession(district);
        var events = await EventFeed.ReadAsync(session, from, take, null, ct);
        return new NdJson<AuditEvent>(events, json.Value.SerializerOptions);
    }

    [WolverineGet("/api/v1/districts/{district}/years/{year}/appropriations/{code}/events", OperationId = "GetAppropriationEvents")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("One appropriation's full history, oldest first")]
    [EndpointDescription("Every event of the line's stream, oldest first, with who recorded it, when, and its hash.")]
    [ProducesResponseType<IReadOnlyList<AuditEvent>>(200)]
    public static async Task<IResult> History(
        string district, int year, string code, HttpContext http, IDocumentStore store, CancellationToken ct)
    {
        if (PathChecks.Check(district, year) is { } bad) return bad.ToResult(http);
        await using var session = store.QuerySession(district);
        var events = await EventFeed.ReadAsync(session, 0, int.MaxValue, Appropriation.KeyFor(year, code), ct);
        return events.Count == 0 ? Appropriation.NotFound(year, code).ToResult(http) : Results.Ok(events);
    }

    [WolverineGet("/api/v1/districts/{district}/audit/verify", OperationId = "VerifyAudit")]
    [RequiresScope(Scopes.AuditRead)]
    [EndpointSummary("Recompute the hash chain and rebuild every projection from the events alone; report any difference")]
    [EndpointDescription("Walks the hash chain and rebuilds the projections from the events alone; ok is true only when every link and " +
        "every figure agrees, and each difference is listed.")]
    [ProducesResponseType<AuditVerification>(200)]
    public static async Task<IResult> Verify(string district, HttpContext http, IDocumentStore store, CancellationToken ct)
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
        string district, int? year, HttpContext http, IDocumentStore store, ILedgerLines ledger, CancellationToken ct)
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
