namespace FundLedger.Live;

/// <summary>
/// One committed event of the district, as the live stream (<c>GET …/districts/{district}/live</c>, server-sent events)
/// announces it: enough for a dashboard to know what to read again. The SSE <c>id</c> is the sequence; send it back as
/// <c>Last-Event-ID</c> to resume. Types: <c>connected</c> (where the stream starts), <c>ledger</c> (an event),
/// <c>keep-alive</c>.
/// </summary>
/// <param name="Year">The fiscal year of the stream (an appropriation's, or the fiscal year's own).</param>
/// <param name="Code">The appropriation, for an event of an appropriation's stream.</param>
/// <param name="Amount">The event's amount in 元, when it has one.</param>
public sealed record LiveEvent(
    long Sequence, string Stream, string Type, DateTimeOffset RecordedAt, int? Year, string? Code, decimal? Amount = null);
