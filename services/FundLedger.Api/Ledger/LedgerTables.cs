using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;
using Npgsql;
using NpgsqlTypes;
using FundLedger.Kernel;
using FundLedger.Store;

namespace FundLedger.Ledger;

/// <summary>
/// The write path's SQL against the store's tables (Store/EventStoreSchema): a group of writes costs two round trips
/// whatever its size, one taking every lock and reading every document it needs, one appending every event and writing
/// every document and claim with the commit. Each statement takes arrays, so its text (and prepared plan) is the same
/// for 1 write or 256. (Through a Marten session, which appends stream by stream with one statement per document and
/// per claim, a group held 0.66x of this path's 64-client POST rate and 0.67x of its batch's: issue 23's gate in
/// tests/FundLedger.Benchmarks/README.md. That is why FundLedger owns its tables.)
/// </summary>
public sealed class LedgerTables
{
    private static readonly StoreModel Model = LedgerEvents.Model;
    private static readonly string Appropriations = LedgerDocuments.Appropriations.Qualified;
    private static readonly string Disbursements = LedgerDocuments.Disbursements.Qualified;
    private static readonly string FiscalYears = LedgerDocuments.FiscalYears.Qualified;
    private static readonly string Claims = LedgerDocuments.Claims.Qualified;

    /// <summary>
    /// Begins the group's transaction, takes its locks in one order every group shares (the commit-order lock last), and
    /// reads what it needs.
    /// </summary>
    public async Task<LoadedState> LoadAsync(NpgsqlConnection connection, WriteNeeds needs, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
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
        // held to the commit. Held from here, before the reads, it makes sequence numbers visible in order (a district's
        // newest sequence tells a reader every event below it is there: the line cache and the sealer rely on it), and a
        // group reads claims and streams only after the group before it committed, so a claim or a new stream is never
        // lost to another writer after a sequence number was drawn: no gap. (Taken with the writes, as it was, a group
        // losing a claim race failed after its nextval and left one.)
        batch.Add(EventStoreSql.TakeCommitOrder);
        // Read after the locks, each in a statement of its own: under READ COMMITTED a later statement sees what the
        // holder of a lock we waited for committed, where a join in the locking statement would not.
        var reads = new List<Action<NpgsqlDataReader, Loading>>();
        ReadByKeys(batch, reads, Appropriations, needs.Lines, (r, l) => l.Lines[Key(r)] = Read<Appropriation>(r));
        foreach (var (district, year) in needs.AllLinesOf)
        {
            batch.Add($"select tenant_id, id, data from {Appropriations} where tenant_id = $1 and year = $2", district, year);
            reads.Add((r, l) => l.Lines[Key(r)] = Read<Appropriation>(r));
        }
        ReadByKeys(batch, reads, Claims, needs.Claims, (r, l) => l.Claims[Key(r)] = Read<IdempotencyRecord>(r));
        ReadByKeys(batch, reads, Disbursements, needs.Vouchers, (r, l) => l.Vouchers[Key(r)] = Read<Disbursement>(r));
        ReadByKeys(batch, reads, FiscalYears, needs.Years, (r, l) => l.Years[Key(r)] = Read<FiscalYear>(r));

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
    /// Writes what the group decided and commits, in one round trip, under the commit-order lock its first round trip took.
    /// Throws when anything is refused by the database.
    /// </summary>
    public async Task CommitAsync(NpgsqlConnection connection, GroupState group, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (group.NewStreams.Count > 0)
            batch.Add(EventStoreSql.CreateStreams,
                Districts(group.NewStreams.Keys), Ids(group.NewStreams.Keys), group.NewStreams.Values.ToArray());
        if (group.Events.Count > 0)
        {
            var streams = group.Events.GroupBy(e => new DistrictKey(e.District, e.Stream))
                .Select(g => (g.Key, Version: g.Max(e => e.Version))).ToList();
            batch.Add(EventStoreSql.SetStreamVersions,
                streams.Select(s => s.Key.District).ToArray(), streams.Select(s => s.Key.Id).ToArray(),
                streams.Select(s => s.Version).ToArray());
            // Sequence numbers are drawn in the order of the array: the group's events keep the order they were decided in.
            var events = group.Events;
            batch.Add(EventStoreSql.AppendEvents,
                events.Select(e => e.Id).ToArray(), events.Select(e => e.Stream).ToArray(), events.Select(e => e.Version).ToArray(),
                Jsonb(events.Select(e => StoreJson.Write(e.Data))), events.Select(e => EventTypeName(e.Data)).ToArray(),
                events.Select(e => e.District).ToArray(),
                events.Select(e => e.Origin.CorrelationId).ToArray(), events.Select(e => e.Origin.CausationId).ToArray(),
                Jsonb(events.Select(e => JsonSerializer.Serialize(e.Origin.Headers))),
                events.Select(e => e.Origin.Actor.Subject).ToArray());
        }
        if (group.ChangedLines.Count > 0)
            batch.Add(Upsert(Appropriations, ("version", "bigint"), ("year", "int")),
                Districts(group.ChangedLines.Keys), Ids(group.ChangedLines.Keys),
                Jsonb(group.ChangedLines.Values.Select(StoreJson.Write)), group.ChangedLines.Values.Select(l => l.Version).ToArray(),
                group.ChangedLines.Values.Select(l => l.Year).ToArray());
        if (group.ChangedVouchers.Count > 0)
            batch.Add(Upsert(Disbursements), Districts(group.ChangedVouchers.Keys), Ids(group.ChangedVouchers.Keys),
                Jsonb(group.ChangedVouchers.Values.Select(StoreJson.Write)));
        if (group.ChangedYears.Count > 0)
            batch.Add(Upsert(FiscalYears), Districts(group.ChangedYears.Keys), Ids(group.ChangedYears.Keys),
                Jsonb(group.ChangedYears.Values.Select(StoreJson.Write)));
        if (group.NewClaims.Count > 0)
            // A plain insert: a key another transaction claimed meanwhile fails the commit (a lost race, retried).
            batch.Add($"""
                insert into {Claims} (tenant_id, id, data, last_modified)
                select u.t, u.i, u.d, now() from unnest($1::varchar[], $2::varchar[], $3::jsonb[]) u(t, i, d)
                """, group.NewClaims.Select(c => c.District).ToArray(), group.NewClaims.Select(c => c.Record.Id).ToArray(),
                Jsonb(group.NewClaims.Select(c => StoreJson.Write(c.Record))));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await batch.ExecuteNonQueryAsync(ct);
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

    private static readonly string[] ProjectedTables = [Appropriations, Disbursements, FiscalYears];

    /// <summary>The rebuild's transaction: its documents locked against every reader and writer, then emptied.</summary>
    public async Task BeginRebuildAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tables = string.Join(", ", ProjectedTables);
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
    /// one (through events_tenant_seq); events of a type the service does not know are left out.
    /// </summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(
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
            if (Model.EventType(reader.GetString(4)) is not { } type) continue;
            events.Add(new RecordedEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), StoreJson.Read(type, reader, 5)));
        }
        return events;
    }

    public static async Task<IReadOnlyDictionary<DistrictKey, Disbursement>> ReadVouchersAsync(
        NpgsqlConnection connection, IReadOnlyCollection<DistrictKey> keys, CancellationToken ct)
    {
        var vouchers = new Dictionary<DistrictKey, Disbursement>();
        if (keys.Count == 0) return vouchers;
        await using var batch = new NpgsqlBatch(connection);
        batch.Add(ByKeys(Disbursements), Districts(keys), Ids(keys));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) vouchers[Key(reader)] = Read<Disbursement>(reader);
        return vouchers;
    }

    public static async Task ReplaceVouchersAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Disbursement> vouchers, CancellationToken ct)
    {
        if (vouchers.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection);
        batch.Add(Upsert(Disbursements), Districts(vouchers.Keys), Ids(vouchers.Keys), Jsonb(vouchers.Values.Select(StoreJson.Write)));
        await batch.ExecuteNonQueryAsync(ct);
    }

    public static Task CopyVouchersAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Disbursement> vouchers, CancellationToken ct) =>
        CopyAsync(connection, Disbursements, vouchers, ct);

    public static async Task CopyLinesAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, Appropriation> lines, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"copy {Appropriations} (tenant_id, id, data, version, year) from stdin (format binary)", ct);
        foreach (var (key, line) in lines)
        {
            await StartRowAsync(copy, key, line, ct);
            await copy.WriteAsync(line.Version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(line.Year, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public static Task CopyYearsAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<DistrictKey, FiscalYear> years, CancellationToken ct) =>
        CopyAsync(connection, FiscalYears, years, ct);

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, string table, IReadOnlyDictionary<DistrictKey, T> documents, CancellationToken ct) where T : notnull
    {
        if (documents.Count == 0) return;
        await using var copy =
            await connection.BeginBinaryImportAsync($"copy {table} (tenant_id, id, data) from stdin (format binary)", ct);
        foreach (var (key, document) in documents) await StartRowAsync(copy, key, document, ct);
        await copy.CompleteAsync(ct);
    }

    private static async Task StartRowAsync(NpgsqlBinaryImporter copy, DistrictKey key, object document, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(key.District, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(key.Id, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(StoreJson.Write(document), NpgsqlDbType.Jsonb, ct);
    }

    public static string EventTypeName(object data) => Model.EventName(data.GetType());

    /// <summary>Insert-or-replace of documents: $1 tenants, $2 ids, $3 bodies, then one array per extra column.</summary>
    private static string Upsert(string table, params (string Column, string Type)[] extra)
    {
        var columns = string.Join("", extra.Select(c => $", {c.Column}"));
        var arrays = string.Join("", extra.Select((c, i) => $", ${i + 4}::{c.Type}[]"));
        var updates = string.Join("", extra.Select(c => $", {c.Column} = excluded.{c.Column}"));
        return $"""
            insert into {table} (tenant_id, id, data{columns}, last_modified)
            select u.*, now() from unnest($1::varchar[], $2::varchar[], $3::jsonb[]{arrays}) u
            on conflict (tenant_id, id) do update set data = excluded.data, last_modified = excluded.last_modified{updates}
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
        cross join lateral (select tenant_id, id, data from {table} where tenant_id = u.t and id = u.i offset 0) d
        """;

    private static T Read<T>(NpgsqlDataReader reader) => StoreJson.Read<T>(reader, 2);

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
