namespace FundLedger.Store;

/// <summary>Names of the event headers FundLedger records beside the events' correlation, causation and user columns.</summary>
public static class EventMetadata
{
    public const string ClientId = "client_id";
    public const string IdempotencyKey = "idempotency_key";
    public const string TraceParent = "traceparent";
}
