using System.Text.Json;
using FundLedger.Kernel;

namespace FundLedger.Ledger;

/// <summary>An event a group appended, with the request it came from.</summary>
public sealed record PendingEvent(Guid Id, string District, string Stream, long Version, object Data, Origin Origin);

/// <summary>What a group read under its locks: documents, stream versions and earlier answers.</summary>
public sealed record LoadedState(
    IReadOnlyDictionary<DocumentKey, object> Documents,
    IReadOnlyDictionary<DistrictKey, long> StreamVersions,
    IReadOnlyDictionary<DistrictKey, IdempotencyRecord> Claims)
{
    public static readonly LoadedState Empty = new(
        new Dictionary<DocumentKey, object>(), new Dictionary<DistrictKey, long>(), new Dictionary<DistrictKey, IdempotencyRecord>());
}

/// <summary>
/// The unit of work a group of writes decides against: what it read under its locks, plus everything the writes before
/// in the same group appended, so each write sees exactly what a one-at-a-time ledger would have shown it. Each appended
/// event goes through the application's projection, and the documents it changed are written in the group's
/// transaction with its events and claims. It knows streams, documents and claims, not budgets.
/// </summary>
public sealed class GroupState(LoadedState loaded, JsonSerializerOptions answers, ILedgerProjection projection) : ILedgerDocuments
{
    private readonly Dictionary<DocumentKey, object> _documents = new(loaded.Documents);
    /// <summary>Rows of a document read: a stream of that id exists, so the group must hold it to append.</summary>
    private readonly HashSet<DistrictKey> _read = [.. loaded.Documents.Keys.Select(k => k.Key)];
    private readonly Dictionary<DistrictKey, long> _versions = new(loaded.StreamVersions);
    private readonly Dictionary<DistrictKey, IdempotencyRecord> _claims = new(loaded.Claims);

    public List<PendingEvent> Events { get; } = [];
    /// <summary>Streams the group creates, with their stream type.</summary>
    public Dictionary<DistrictKey, string?> NewStreams { get; } = [];
    /// <summary>Documents the group's events changed, as they are after the last of them.</summary>
    public Dictionary<DocumentKey, object> Changed { get; } = [];
    public List<(string District, IdempotencyRecord Record)> NewClaims { get; } = [];

    /// <summary>Settles a write: an earlier answer under one of its keys, or its own decision remembered under them.</summary>
    public WriteAnswer Decide(LedgerWrite write, Origin origin, DateTimeOffset now)
    {
        if (Settled(write) is { } earlier) return earlier;
        var decided = write.Run(new WriteScope(this, write.District, origin, now));
        return decided.Refusal is { } refusal
            ? WriteAnswer.Refused(refusal)
            : Remember(write.District, write.Claims, write.RequestHash, decided, now);
    }

    /// <summary>
    /// An earlier answer under one of the write's claims: replayed when it was the same request (by its fingerprint, or,
    /// for a claim an earlier release recorded, by the fingerprint that release took), refused when it was another. The
    /// earlier form is computed only for such a claim, never on the way of a new write.
    /// </summary>
    private WriteAnswer? Settled(LedgerWrite write)
    {
        foreach (var claim in write.Claims)
        {
            if (!_claims.TryGetValue(new DistrictKey(write.District, claim.Key), out var earlier)) continue;
            var same = earlier.RequestHash == write.RequestHash ||
                (!earlier.RequestHash.StartsWith(RequestFingerprint.Version, StringComparison.Ordinal) &&
                 earlier.RequestHash == write.EarlierRequestHash);
            return same
                ? WriteAnswer.Replay(earlier)
                : WriteAnswer.Refused(Refusal.Conflict(claim.ConflictType, claim.ConflictTitle,
                    $"{claim.ConflictTitle}; the original request was recorded at {earlier.RecordedAt:O}. Nothing was recorded."));
        }
        return null;
    }

    private WriteAnswer Remember(string district, IReadOnlyList<KeyClaim> claims, string requestHash, Decided decided, DateTimeOffset now)
    {
        var body = JsonSerializer.Serialize(decided.Body, answers);
        foreach (var claim in claims)
        {
            var record = new IdempotencyRecord
            {
                Id = claim.Key, RequestHash = requestHash, Status = decided.Status, Body = body, Location = decided.Location,
                RecordedAt = now,
            };
            _claims[new DistrictKey(district, claim.Key)] = record;
            NewClaims.Add((district, record));
        }
        return WriteAnswer.Recorded(decided.Status, body, decided.Location) with { Value = decided.Body };
    }

    public JsonSerializerOptions AnswerJson => answers;

    /// <summary>Appends an event to a stream the group holds (or creates), and projects it.</summary>
    public void Append(string district, string stream, string? newStreamType, object e, Origin origin)
    {
        var key = new DistrictKey(district, stream);
        if (!_versions.TryGetValue(key, out var current))
        {
            // A stream the group neither locked nor created must be new: creating it claims its primary key, so a
            // concurrent creator fails its commit instead of both succeeding.
            if (_read.Contains(key)) throw new InvalidOperationException($"stream {stream} of {district} is not held by this group");
            NewStreams[key] = newStreamType;
            current = 0;
        }
        var version = current + 1;
        _versions[key] = version;
        Events.Add(new PendingEvent(Guid.CreateVersion7(), district, stream, version, e, origin));
        projection.Apply(this, district, stream, version, e);
    }

    public T? Get<T>(string district, string id) where T : class =>
        _documents.GetValueOrDefault(new DocumentKey(typeof(T), new DistrictKey(district, id))) as T;

    /// <summary>The district's documents of a type that the group read or wrote and that match.</summary>
    public IReadOnlyList<T> Where<T>(string district, Func<T, bool> match) where T : class =>
        _documents.Where(d => d.Key.Type == typeof(T) && d.Key.Key.District == district).Select(d => (T)d.Value).Where(match).ToList();

    public void Put<T>(string district, string id, T document) where T : class =>
        _documents[new DocumentKey(typeof(T), new DistrictKey(district, id))] =
            Changed[new DocumentKey(typeof(T), new DistrictKey(district, id))] = document;
}

/// <summary>
/// One write's view of its group: the documents as the writes before it left them, in its own district. The aggregate
/// reads and appends through it in its own words (Appropriations/LedgerScope).
/// </summary>
public sealed class WriteScope(GroupState group, string district, Origin origin, DateTimeOffset now)
{
    public DateTimeOffset Now => now;
    public Actor Actor => origin.Actor;
    public string District => district;
    public JsonSerializerOptions AnswerJson => group.AnswerJson;

    public T? Get<T>(string id) where T : class => group.Get<T>(district, id);

    public IReadOnlyList<T> Where<T>(Func<T, bool> match) where T : class => group.Where(district, match);

    /// <summary>Appends an event to a stream the write holds, or starts a new one (of <paramref name="newStreamType"/>).</summary>
    public void AppendTo(string stream, object e, string? newStreamType = null) => group.Append(district, stream, newStreamType, e, origin);

    /// <summary>A write decided inside this one, as if it had come alone (a batch's item): claims, fingerprint, decision.</summary>
    public WriteAnswer Decide(LedgerWrite write) => group.Decide(write, origin, now);
}
