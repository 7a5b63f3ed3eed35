namespace FundLedger.Store;

/// <summary>
/// The PostgreSQL schema the store lives in: its events, streams and documents (Store/EventStoreSchema) and the chain kept
/// over the events. One name for the whole store, in every database of the district map.
/// </summary>
public static class StoreSchema
{
    public const string Name = "fundledger";

    /// <summary>The connection string's name (<c>ConnectionStrings__FundLedger</c>) when no district map is configured.</summary>
    public const string ConnectionName = "FundLedger";
}
