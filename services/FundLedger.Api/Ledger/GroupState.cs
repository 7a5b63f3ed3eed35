using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;
using FundLedger.Kernel;

namespace FundLedger.Ledger;

/// <summary>An event a group appended, with the request it came from.</summary>
public sealed record PendingEvent(Guid Id, string District, string Stream, long Version, object Data, Origin Origin);

/// <summary>What a group read under its locks: documents, stream versions and earlier answers.</summary>
public sealed record LoadedState(
    IReadOnlyDictionary<DistrictKey, Appropriation> Lines,
    IReadOnlyDictionary<DistrictKey, long> StreamVersions,
    IReadOnlyDictionary<DistrictKey, Disbursement> Vouchers,
    IReadOnlyDictionary<DistrictKey, IdempotencyRecord> Claims,
    IReadOnlyDictionary<DistrictKey, FiscalYear> Years)
{
    public static readonly LoadedState Empty = new(
        new Dictionary<DistrictKey, Appropriation>(), new Dictionary<DistrictKey, long>(), new Dictionary<DistrictKey, Disbursement>(),
        new Dictionary<DistrictKey, IdempotencyRecord>(), new Dictionary<DistrictKey, FiscalYear>());
}

/// <summary>
/// The state a group of writes decides against: what it read under its locks, plus everything the writes before
/// in the same group appended, so each write sees exactly what a one-at-a-time ledger would have shown it. It is
/// also the inline projection: each appended event goes through <see cref="LedgerProjection"/>, and the documents
/// it changed are written in the group's transaction.
/// </summary>
public sealed class GroupState(LoadedState loaded, JsonSerializerOptions answers) : ILedgerDocuments
{
    private readonly Dictionary<DistrictKey, Appropriation> _lines = new(loaded.Lines);
    private readonly Dictionary<DistrictKey, long> _versions = new(loaded.StreamVersions);
    private readonly Dictionary<DistrictKey, Disbursement> _vouchers = new(loaded.Vouchers);
    private readonly Dictionary<DistrictKey, IdempotencyRecord> _claims = new(loaded.Claims);
    private readonly Dictionary<DistrictKey, FiscalYear> _years = new(loaded.Years);

    public List<PendingEvent> Events { get; } = [];
    /// <summary>Streams the group creates, with their stream type.</summary>
    public Dictionary<DistrictKey, string?> NewStreams { get; } = [];
    public Dictionary<DistrictKey, Appropriation> ChangedLines { get; } = [];
    public Dictionary<DistrictKey, Disbursement> ChangedVouchers { get; } = [];
    public Dictionary<DistrictKey, FiscalYear> ChangedYears { get; } = [];
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

    public WriteAnswer Remember(string district, IReadOnlyList<KeyClaim> claims, string requestHash, Decided decided, DateTimeOffset now)
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
            if (_lines.ContainsKey(key)) throw new InvalidOperationException($"stream {stream} of {district} is not held by this group");
            NewStreams[key] = newStreamType;
            current = 0;
        }
        var version = current + 1;
        _versions[key] = version;
        Events.Add(new PendingEvent(Guid.CreateVersion7(), district, stream, version, e, origin));
        LedgerProjection.Apply(this, district, stream, version, e);
    }

    public Appropriation? Line(DistrictKey key) => _lines.GetValueOrDefault(key);

    public IReadOnlyList<Appropriation> LinesOf(string district, int year) =>
        _lines.Where(l => l.Key.District == district && l.Value.Year == year).Select(l => l.Value).ToList();

    public Disbursement? Voucher(DistrictKey key) => _vouchers.GetValueOrDefault(key);

    public bool YearClosed(string district, int year) =>
        _years.TryGetValue(new DistrictKey(district, FiscalYear.KeyFor(year)), out var y) && y.Closed;

    Appropriation? ILedgerDocuments.Line(string district, string stream) => Line(new DistrictKey(district, stream));

    void ILedgerDocuments.Store(string district, Appropriation line) =>
        _lines[new(district, line.Id)] = ChangedLines[new(district, line.Id)] = line;

    Disbursement? ILedgerDocuments.Voucher(string district, string voucherNo) => Voucher(new DistrictKey(district, voucherNo));

    void ILedgerDocuments.Store(string district, Disbursement voucher) =>
        _vouchers[new(district, voucher.Id)] = ChangedVouchers[new(district, voucher.Id)] = voucher;

    void ILedgerDocuments.Store(string district, FiscalYear year) =>
        _years[new(district, year.Id)] = ChangedYears[new(district, year.Id)] = year;
}

/// <summary>One write's view of its group: the figures as the writes before it left them, in its own district.</summary>
public sealed class WriteScope(GroupState group, string district, Origin origin, DateTimeOffset now)
{
    public DateTimeOffset Now => now;
    public Actor Actor => origin.Actor;
    public JsonSerializerOptions AnswerJson => group.AnswerJson;

    public Appropriation? Line(int year, string code) => group.Line(new DistrictKey(district, Appropriation.KeyFor(year, code)));
    public IReadOnlyList<Appropriation> Lines(int year) => group.LinesOf(district, year);
    public Disbursement? Voucher(string voucherNo) => group.Voucher(new DistrictKey(district, voucherNo));
    public bool YearClosed(int year) => group.YearClosed(district, year);

    /// <summary>Appends an event to an appropriation the write holds; answers the figures after it.</summary>
    public Appropriation Append(Appropriation line, object e)
    {
        group.Append(district, line.Id, null, e, origin);
        return group.Line(new DistrictKey(district, line.Id))!;
    }

    /// <summary>Starts a new appropriation's stream with its first event; answers its figures.</summary>
    public Appropriation Start(object first)
    {
        var line = Appropriation.Fold(null, first, 1)
            ?? throw new ArgumentException($"{first.GetType().Name} does not start an appropriation");
        group.Append(district, line.Id, AppropriationStreamType, first, origin);
        return group.Line(new DistrictKey(district, line.Id))!;
    }

    /// <summary>Starts a stream that is not an appropriation's (the fiscal year's).</summary>
    public void Record(string stream, object e) => group.Append(district, stream, null, e, origin);

    /// <summary>A write decided inside this one, as if it had come alone (a batch's item): claims, fingerprint, decision.</summary>
    public WriteAnswer Decide(LedgerWrite write) => group.Decide(write, origin, now);

    /// <summary>The stream type recorded for appropriation streams (the streams table's type).</summary>
    public const string AppropriationStreamType = "appropriation";
}
