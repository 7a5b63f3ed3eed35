using System.Diagnostics;
using FundLedger.Kernel;
using FundLedger.Store;

namespace FundLedger.Ledger;

/// <summary>
/// Where a write came from. Recorded on each of its events (correlation = the request's trace id, causation = the
/// request, the token's subject and client, the Idempotency-Key; see <see cref="EventMetadata"/>), and the span
/// the commit of its group links to.
/// </summary>
public sealed record Origin(
    string District, Actor Actor, string CorrelationId, string CausationId, string? IdempotencyKey, ActivityContext Trace)
{
    public static Origin Of(HttpContext http, string district, string? idempotencyKey)
    {
        var activity = Activity.Current;
        return new Origin(district, Actor.From(http.User), activity?.TraceId.ToHexString() ?? http.TraceIdentifier, http.TraceIdentifier,
            idempotencyKey, activity?.Context ?? default);
    }

    /// <summary>
    /// The event headers: the posting client system, the Idempotency-Key when one was sent, and the W3C trace context of the
    /// request when it was traced (the integration events carry it on, so the request's trace continues downstream).
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get
        {
            var headers = new Dictionary<string, string> { [EventMetadata.ClientId] = Actor.ClientId };
            if (IdempotencyKey is not null) headers[EventMetadata.IdempotencyKey] = IdempotencyKey;
            if (Trace.TraceId != default)
                headers[EventMetadata.TraceParent] =
                    $"00-{Trace.TraceId.ToHexString()}-{Trace.SpanId.ToHexString()}-{(int)Trace.TraceFlags:x2}";
            return headers;
        }
    }
}
