using FundLedger.Security;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Live;

[Tags("Live")]
public static class LiveEndpoint
{
    [WolverineGet("/api/v1/districts/{district}/live", OperationId = "StreamLedgerEvents")]
    [RequiresScope(Scopes.ReportsRead)]
    [EndpointSummary("The district's committed events as they happen (server-sent events); Last-Event-ID resumes after that sequence")]
    [EndpointDescription("text/event-stream: one message per committed ledger event of the district, its id the event's sequence; " +
        "reconnecting with Last-Event-ID continues after it, so nothing is missed or repeated. The stream ends with an `expired` " +
        "message when the token expires. A token may hold a bounded number of streams (429 beyond it) and a replica a bounded " +
        "number in all (503 beyond it), both with Retry-After.")]
    [Produces("text/event-stream")]
    public static async Task<IResult> Stream(string district, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        HttpContext http, LiveHub hub, LiveLimits limits)
    {
        if (PathChecks.CheckDistrict(district) is { } bad) return bad.ToResult(http);
        long? after = null;
        if (lastEventId is not null)
        {
            if (!long.TryParse(lastEventId, out var sequence) || sequence < 0)
                return Refusal.Invalid("Last-Event-ID", "must be an event sequence number").ToResult(http);
            after = sequence;
        }
        if (limits.TryOpen(Bearer(http), out var lease) is { } full)
        {
            http.Response.Headers.RetryAfter = LiveLimits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return full.ToResult(http);
        }
        try
        {
            var subscription = await hub.FollowAsync(district, after, http.RequestAborted);
            return TypedResults.ServerSentEvents(LiveFeed.StreamAsync(subscription, lease!, TokenExpiry(http), http.RequestAborted));
        }
        catch
        {
            lease!.Dispose();
            throw;
        }
    }

    /// <summary>The bearer token itself (the gate has validated it): what the per-token bound counts.</summary>
    private static string Bearer(HttpContext http) => http.Request.Headers.Authorization.ToString();

    /// <summary>When the token that opened the stream stops being valid: its <c>exp</c>, which the gate required.</summary>
    private static DateTimeOffset TokenExpiry(HttpContext http) =>
        long.TryParse(http.User.FindFirst("exp")?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
}
