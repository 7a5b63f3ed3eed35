namespace FundLedger.Ledger;

/// <summary>A row of a district: the tenant and the document or stream id.</summary>
public readonly record struct DistrictKey(string District, string Id) : IComparable<DistrictKey>
{
    public int CompareTo(DistrictKey other)
    {
        var byDistrict = string.CompareOrdinal(District, other.District);
        return byDistrict != 0 ? byDistrict : string.CompareOrdinal(Id, other.Id);
    }
}

/// <summary>A document of the store: its type (which names its table) and its row.</summary>
public readonly record struct DocumentKey(Type Type, DistrictKey Key);

/// <summary>
/// What a group of writes must lock and read before it can decide, declared by each write and gathered so the group
/// takes every lock in one statement and reads every document kind in one query. It knows streams, documents and keys,
/// not what they hold: the aggregate names what its writes need (Appropriations/LedgerScope).
/// </summary>
public sealed class WriteNeeds
{
    /// <summary>Advisory locks by key, in one (ordinal) order every group shares: true exclusive, false shared.</summary>
    public SortedDictionary<string, bool> AdvisoryLocks { get; } = new(StringComparer.Ordinal);

    /// <summary>Streams held under their row lock while the group decides and commits.</summary>
    public SortedSet<DistrictKey> LockedStreams { get; } = [];

    /// <summary>Every stream of a district whose id begins with the prefix, locked (a year close locks the year's).</summary>
    public HashSet<(string District, string Prefix)> LockedPrefixes { get; } = [];

    /// <summary>Documents read by key, by type.</summary>
    public Dictionary<Type, HashSet<DistrictKey>> Documents { get; } = [];

    /// <summary>Documents read by an extra column of their table (every appropriation of a year).</summary>
    public HashSet<(Type Type, string District, string Column, object Value)> DocumentsWhere { get; } = [];

    public HashSet<DistrictKey> Claims { get; } = [];

    /// <summary>An advisory lock for the group's transaction; exclusive once any write asks for it so.</summary>
    public void Lock(string key, bool exclusive)
    {
        if (exclusive) AdvisoryLocks[key] = true;
        else AdvisoryLocks.TryAdd(key, false);
    }

    public void LockStream(string district, string stream) => LockedStreams.Add(new DistrictKey(district, stream));

    public void LockStreamsStartingWith(string district, string prefix) => LockedPrefixes.Add((district, prefix));

    public void Read<T>(string district, string id)
    {
        if (!Documents.TryGetValue(typeof(T), out var keys)) Documents[typeof(T)] = keys = [];
        keys.Add(new DistrictKey(district, id));
    }

    public void ReadWhere<T>(string district, string column, object value) => DocumentsWhere.Add((typeof(T), district, column, value));

    public void ReadClaims(string district, IEnumerable<KeyClaim> claims)
    {
        foreach (var claim in claims) Claims.Add(new DistrictKey(district, claim.Key));
    }
}
