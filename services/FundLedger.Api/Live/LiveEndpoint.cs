using FundLedger.Ledger;
using FundLedger.Security;
using Marten;
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
        "reconnecting with Last-Event-ID continues after it, so nothing is missed or repeated.")]
    [Produces("text/event-stream")]
    public static IResult Stream(string district, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, HttpContext http,
        IDocumentStore store, CommitSignal signal)
    {
        if (PathChecks.CheckDistrict(district) is { } bad) return bad.ToResult(http);
        long? after = null;
        if (lastEventId is not null)
        {
            if (!long.TryParse(lastEventId, out var sequence) || sequence < 0)
                return Refusal.Invalid("Last-Event-ID", "must be an event sequence number").ToResult(http);
            after = sequence;
        }
        return TypedResults.ServerSentEvents(LiveFeed.StreamAsync(store, signal, district, after, http.RequestAborted));
    }
}
