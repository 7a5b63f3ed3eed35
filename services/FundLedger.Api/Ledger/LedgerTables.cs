using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using FundLedger.Kernel;
using FundLedger.Store;

namespace FundLedger.Ledger;

/// <summary>
/// The write path against the store: a group of writes takes every lock and reads every document it needs in one round
/// trip of plain SELECTs (each statement takes arrays, so its text and prepared plan are the same for 1 write or 256), then
/// writes through Marten sessions on the same transaction (events appended by Marten, documents and claims stored by it)
/// and commits. Marten owns the schema and every row it writes; FundLedger adds only the hash chain (Audit/EventChainSchema).
/// The rebuild's reads and bulk copies are here too.
/// </summary>
public sealed class LedgerTables(IDocumentStore store)
{
    private const string S = StoreSchema.Name;

    private readonly ISerializer _serializer = store.Options.Serializer();

    /// <summary>Marten's names for each event type: the <c>type</c> column it queries by and the .NET type it reads back.</summary>
    private readonly Dictionary<Type, (string Name, string DotNet)> _eventNames =
        store.Options.Events.AllKnownEventTypes().ToDictionary(t => t.EventType, t => (t.EventTypeName, t.DotNetTypeName));

    private readonly Dictionary<string, Type> _eventTypes =
        store.Options.Events.AllKnownEventTypes().ToDictionary(t => t.EventTypeName, t => t.EventType);

    /// <summary>
    /// In the group's transaction (begun by the caller, sent with this batch), takes its locks in one order every group
    /// shares, and reads what it needs.
    /// </summary>
    public async Task<LoadedState> LoadAsync(NpgsqlConnection connection, WriteNeeds needs, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (needs.YearLocks.Count > 0)
            // Advisory locks before row locks, keys in one sorted order: two groups never wait on each other in a circle.
            batch.Add($"select case when u.x then pg_advisory_xact_lock(hashtext(u.k)) " +
                $"else pg_advisory_xact_lock_shared(hashtext(u.k)) end from unnest($1::text[], $2::boolean[]) u(k, x)",
                needs.YearLocks.Keys.Select(k => $"fundledger:{k.District}:{k.Year}").ToArray(), needs.YearLocks.Values.ToArray());
        var locked = needs.LockedLines.Count > 0;
        // Row locks one key after another in the keys' (ordinal) order, which the year close's statement shares.
        if (locked)
            batch.Add(EventStoreSql.LockStreams, Districts(needs.LockedLines), Ids(needs.LockedLines));
        foreach (var (district, year) in needs.AllLinesOf)
            batch.Add(EventStoreSql.LockStreamsOfYear, district, $"{year}/%");
        // The lock ordering commits, last of the locks (so no group holds it while waiting for a row another holds) and
        // held to the commit. Taken here, not with the writes: Marten sends a session's appends before every other
        // operation, so a lock queued in the session would come after its first nextval. Held from here, it makes sequence
        // numbers visible in order (a district's newest sequence tells a reader every event below it is there: the line
        // cache and the sealer rely on it), and a group reads claims and streams only after the group before it committed,
        // so a claim or a new stream is never lost to another writer after a sequence number was drawn: no gap.
        batch.Add(EventStoreSql.TakeCommitOrder);
        // Read after the locks, each in a statement of its own: under READ COMMITTED a later statement sees what the
        // holder of a lock we waited for committed, where a join in the locking statement would not.
        var reads = new List<Action<NpgsqlDataReader, Loading>>();
        ReadByKeys(batch, reads, "mt_doc_appropriation", needs.Lines, (r, l) => l.Lines[Key(r)] = Read<Appropriation>(r));
        foreach (var (district, year) in needs.AllLinesOf)
        {
            batch.Add($"select tenant_id, id, data from {S}.mt_doc_appropriation where tenant_id = $1 and year = $2", district, year);
            reads.Add((r, l) => l.Lines[Key(r)] = Read<Appropriation>(r));
        }
        ReadByKeys(batch, reads, "mt_doc_idempotencyrecord", needs.Claims, (r, l) => l.Claims[Key(r)] = Read<IdempotencyRecord>(r));
        ReadByKeys(batch, reads, "mt_doc_disbursement", needs.Vouchers, (r, l) => l.Vouchers[Key(r)] = Read<Disbursement>(r));
        ReadByKeys(batch, reads, "mt_doc_fiscalyear", needs.Years, (r, l) => l.Years[Key(r)] = Read<FiscalYear>(r));

        var loading = new Loading();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (needs.YearLocks.Count > 0) await reader.NextResultAsync(ct);
        var lockStatements = (locked ? 1 : 0) + needs.AllLinesOf.Count;
        for (var i = 0; i < lockStatements; i++)
        {
            while (await reader.ReadAsync(ct)) loading.Versions[Key(reader)] = reader.GetInt64(2);
            await reader.NextResultAsync(ct);
        }
        foreach (var read in reads)
        {
            while (await reader.ReadAsync(ct)) read(reader, loading);
            await reader.NextResultAsync(ct);
        }
        return new LoadedState(loading.Lines, loading.Versions, loading.Vouchers, loading.Claims, loading.Years);
    }

    /// <summary>
    /// Writes what the group decided through Marten sessions on the group's transaction, and commits: the events by
    /// Marten's own append (<c>StartStream</c> for a new stream, <c>Append</c> with the version the group read under its lock
    /// for the others, checked by Marten before it draws a sequence number), the documents the fold changed and the claims
    /// as each session's unit of work, sent by <c>SaveChangesAsync</c> as one batch. One session per district of the group
    /// (nearly always one): Marten 9.58's <c>ForTenant</c> refuses every tenant of a database holding several
    /// (StaticMultiTenancy looks the tenant up among the databases' names). Throws when anything is refused.
    /// </summary>
    public async Task CommitAsync(NpgsqlTransaction transaction, GroupState group, DateTimeOffset recordedAt, CancellationToken ct)
    {
        var districts = group.Events.Select(e => e.District).Concat(group.ChangedLines.Keys.Select(k => k.District))
            .Concat(group.ChangedVouchers.Keys.Select(k => k.District)).Concat(group.ChangedYears.Keys.Select(k => k.District))
            .Concat(group.NewClaims.Select(c => c.District)).Distinct().ToList();
        for (var i = 0; i < districts.Count; i++)
        {
            var district = districts[i];
            var options = Marten.Services.SessionOptions.ForTransaction(transaction);
            options.TenantId = district;
            await using var session = store.LightweightSession(options);
            foreach (var (key, line) in group.ChangedLines.Where(l => l.Key.District == district))
                // The document's revision is its stream's version, as an inline projection of the stream would leave it.
                session.UpdateRevision(line, line.Version);
            // A payment's voucher is new: a plain insert, cheaper than Marten's upsert; a reversal updates its voucher.
            foreach (var (key, voucher) in group.ChangedVouchers.Where(v => v.Key.District == district))
                if (group.VoucherExisted(key)) session.Update(voucher);
                else session.Insert(voucher);
            foreach (var (_, year) in group.ChangedYears.Where(y => y.Key.District == district)) session.Store(year);
            // An insert, not an upsert: a key another transaction claimed meanwhile fails the commit (a lost race, retried).
            foreach (var (_, record) in group.NewClaims.Where(c => c.District == district)) session.Insert(record);
            // New streams first: should another writer have created one meanwhile (a writer not holding the commit-order
            // lock), the batch fails on its key before any sequence number is drawn.
            foreach (var stream in group.Events.Where(e => e.District == district).GroupBy(e => e.Stream)
                         .OrderBy(s => group.NewStreams.ContainsKey(new(district, s.Key)) ? 0 : 1))
            {
                var events = stream.Select(e => (object)Recorded(session, e, recordedAt)).ToArray();
                if (stream.First().Version == 1 && group.NewStreams.TryGetValue(new(district, stream.Key), out var type))
                {
                    if (type == WriteScope.AppropriationStreamType) session.Events.StartStream<Appropriation>(stream.Key, events);
                    else session.Events.StartStream(stream.Key, events);
                }
                // Marten's expected version is the stream's version after the append.
                else session.Events.Append(stream.Key, stream.Last().Version, events);
            }
            await session.SaveChangesAsync(ct);
        }
        // Marten would commit in a round trip of its own too; committing here also ends a group that wrote nothing (replays
        // and refusals), whose transaction only held locks.
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// An event with its write's metadata (one group carries events of several requests), stamped with the instant the
    /// group decided at: every event of a transaction carries the same one, as PostgreSQL's <c>now()</c> did.
    /// </summary>
    private static IEvent Recorded(IDocumentSession session, PendingEvent pending, DateTimeOffset recordedAt)
    {
        var e = session.Events.BuildEvent(pending.Data);
        e.Id = pending.Id;
        e.Timestamp = recordedAt;
        e.CorrelationId = pending.Origin.CorrelationId;
        e.CausationId = pending.Origin.CausationId;
        e.UserName = pending.Origin.Actor.Subject;
        foreach (var (name, value) in pending.Origin.Headers) e.SetHeader(name, value);
        return e;
    }

    /// <summary>
    /// Whether a group whose commit was interrupted committed after all: its first event is there or it is not (a
    /// transaction is all or nothing). Asked on a new connection, through the stream-version index.
    /// </summary>
    public static async Task<bool> CommittedAsync(NpgsqlConnection connection, PendingEvent first, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(EventStoreSql.IsEventRecorded, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = first.District });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Stream });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Version });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Id });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A recorded event as the rebuild reads it.</summary>
    public sealed record RecordedEvent(long Sequence, string District, string Stream, long Version, object Data);

    private static readonly string[] ProjectedTables = ["mt_doc_appropriation", "mt_doc_disbursement", "mt_doc_fiscalyear"];

    /// <summary>The rebuild's transaction: its documents locked against every reader and writer, then emptied.</summary>
    public async Task BeginRebuildAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tables = string.Join(", ", ProjectedTables.Select(t => $"{S}.{t}"));
        await using var command = new NpgsqlCommand($"begin; lock table {tables} in access exclusive mode; truncate {tables};", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task CommitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("commit", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events after sequence <paramref name="after"/>, oldest first, of every district or of
    /// one (through mt_events_tenant_seq); Marten's placeholders for failed appends are left out.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(
        NpgsqlConnection connection, long after, int limit, CancellationToken ct, string? district = null)
    {
        await using var command =
            new NpgsqlCommand(district is null ? EventStoreSql.EventsAfter : EventStoreSql.DistrictEventsAfter, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        if (district is not null) command.Parameters.Add(new NpgsqlParameter { Value = district });
        var events = new List<RecordedEvent>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!_eventTypes.TryGetValue(reader.GetString(4), out var type)) continue;
            events.Add(new RecordedEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), _serializer.FromJson(type, reader, 5)));
        }
        return events;
    }

    public async Task<IReadOnlyDictionary<DistrictKey, Disbursement>> ReadVouchersAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DistrictKey> keys, CancellationToken ct)
    {
        var vouchers = new Dictionary<DistrictKey, Disbursement>();
        if (keys.Count == 0) return vouchers;
        await using var batch = new NpgsqlBatch(connection);
        batch.Add(ByKeys("mt_doc_disbursement"), Districts(keys), Ids(keys));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) vouchers[Key(reader)] = Read<Disbursement>(reader);
        return vouchers;
    }

    public async Task ReplaceVouchersAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Disbursement> vouchers, CancellationToken ct)
    {
        if (vouchers.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection);
        batch.Add(Upsert<Disbursement>("mt_doc_disbursement", ("mt_version", "uuid")), Districts(vouchers.Keys), Ids(vouchers.Keys),
            Jsonb(vouchers.Values.Select(_serializer.ToJson)), vouchers.Values.Select(_ => Guid.CreateVersion7()).ToArray());
        await batch.ExecuteNonQueryAsync(ct);
    }

    public Task CopyVouchersAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Disbursement> vouchers, CancellationToken ct) =>
        CopyAsync(connection, "mt_doc_disbursement", "mt_version", NpgsqlTypes.NpgsqlDbType.Uuid, vouchers, _ => Guid.CreateVersion7(), ct);

    public async Task CopyLinesAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Appropriation> lines, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {S}.mt_doc_appropriation (tenant_id, id, data, mt_version, year, mt_last_modified, mt_dotnet_type) " +
            $"from stdin (format binary)", ct);
        foreach (var (key, line) in lines)
        {
            await StartRowAsync(copy, key, line, ct);
            await copy.WriteAsync(line.Version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(line.Year, NpgsqlDbType.Integer, ct);
            await EndRowAsync<Appropriation>(copy, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public Task CopyYearsAsync(NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, FiscalYear> years, CancellationToken ct) =>
        CopyAsync(connection, "mt_doc_fiscalyear", "mt_version", NpgsqlDbType.Bigint, years, _ => 1L, ct);

    private async Task CopyAsync<T, TVersion>(NpgsqlConnection connection, string table, string versionColumn, NpgsqlDbType versionType,
        IReadOnlyDictionary<DistrictKey, T> documents, Func<T, TVersion> version, CancellationToken ct) where T : notnull
    {
        if (documents.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {S}.{table} (tenant_id, id, data, {versionColumn}, mt_last_modified, mt_dotnet_type) from stdin (format binary)", ct);
        foreach (var (key, document) in documents)
        {
            await StartRowAsync(copy, key, document, ct);
            await copy.WriteAsync(version(document), versionType, ct);
            await EndRowAsync<T>(copy, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private async Task StartRowAsync(NpgsqlBinaryImporter copy, DistrictKey key, object document, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(key.District, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(key.Id, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(_serializer.ToJson(document), NpgsqlDbType.Jsonb, ct);
    }

    private static async Task EndRowAsync<T>(NpgsqlBinaryImporter copy, CancellationToken ct)
    {
        await copy.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(typeof(T).FullName!, NpgsqlDbType.Varchar, ct);
    }

    public string EventTypeName(object data) => _eventNames[data.GetType()].Name;

    private string DotNetTypeName(object data) => _eventNames[data.GetType()].DotNet;

    /// <summary>Insert-or-replace of documents: $1 tenants, $2 ids, $3 bodies, then one array per extra column.</summary>
    private static string Upsert<T>(string table, params (string Column, string Type)[] extra)
    {
        var columns = string.Join("", extra.Select(c => $", {c.Column}"));
        var arrays = string.Join("", extra.Select((c, i) => $", ${i + 4}::{c.Type}[]"));
        var updates = string.Join("", extra.Select(c => $", {c.Column} = excluded.{c.Column}"));
        return $"""
            insert into {S}.{table} (tenant_id, id, data{columns}, mt_last_modified, mt_dotnet_type)
            select u.*, now(), '{typeof(T).FullName}' from unnest($1::varchar[], $2::varchar[], $3::jsonb[]{arrays}) u
            on conflict (tenant_id, id) do update set data = excluded.data, mt_last_modified = excluded.mt_last_modified{updates}
            """;
    }

    private static void ReadByKeys(NpgsqlBatch batch, List<Action<NpgsqlDataReader, Loading>> reads, string table,
        IReadOnlyCollection<DistrictKey> keys, Action<NpgsqlDataReader, Loading> read)
    {
        if (keys.Count == 0) return;
        batch.Add(ByKeys(table), Districts(keys), Ids(keys));
        reads.Add(read);
    }

    /// <summary>
    /// Documents by key, one primary-key probe per key. A lateral subquery behind OFFSET 0 (which keeps the planner from
    /// turning it back into a join), because the statement is prepared: the generic plan of a join with unnest guessed
    /// 100 keys and hashed them against a scan of the whole table, which made the claim read 1.5–6 ms per group at
    /// 20,000–30,000 claims, growing with every write.
    /// </summary>
    private static string ByKeys(string table) => $"""
        select d.tenant_id, d.id, d.data from unnest($1::varchar[], $2::varchar[]) u(t, i)
        cross join lateral (select tenant_id, id, data from {S}.{table} where tenant_id = u.t and id = u.i offset 0) d
        """;

    private T Read<T>(NpgsqlDataReader reader) => _serializer.FromJson<T>(reader, 2);

    private static DistrictKey Key(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1));
    private static string[] Districts(IEnumerable<DistrictKey> keys) => keys.Select(k => k.District).ToArray();
    private static string[] Ids(IEnumerable<DistrictKey> keys) => keys.Select(k => k.Id).ToArray();
    private static NpgsqlParameter Jsonb(IEnumerable<string> json) =>
        new() { Value = json.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    private sealed class Loading
    {
        public Dictionary<DistrictKey, Appropriation> Lines { get; } = [];
        public Dictionary<DistrictKey, long> Versions { get; } = [];
        public Dictionary<DistrictKey, Disbursement> Vouchers { get; } = [];
        public Dictionary<DistrictKey, IdempotencyRecord> Claims { get; } = [];
        public Dictionary<DistrictKey, FiscalYear> Years { get; } = [];
    }
}

internal static class BatchExtensions
{
    /// <summary>A statement with positional parameters; a value that is already a parameter keeps its type.</summary>
    public static void Add(this NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        batch.BatchCommands.Add(command);
    }
}
