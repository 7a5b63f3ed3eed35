using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using FundLedger.Store;

namespace FundLedger.Ledger;

/// <summary>
/// The write path's SQL against the store's tables (Store/EventStoreSchema): a group of writes costs two round trips
/// whatever its size, one taking every lock and reading every document it needs, one appending every event and writing
/// every document and claim with the commit. Each statement takes arrays, so its text (and prepared plan) is the same
/// for 1 write or 256. It knows the tables the application's <see cref="StoreModel"/> names, not what they hold.
/// (Through a Marten session, which appends stream by stream with one statement per document and per claim, a group
/// held 0.66x of this path's 64-client POST rate and 0.67x of its batch's: issue 23's gate in
/// tests/FundLedger.Benchmarks/README.md. That is why FundLedger owns its tables.)
/// </summary>
public sealed class LedgerTables(StoreModel model)
{
    /// <summary>Every Idempotency-Key and business key claimed, with the answer it replays: a table of every store.</summary>
    public static readonly DocumentTable ClaimsTable = new(typeof(IdempotencyRecord), "request_claims");

    private static readonly string Claims = ClaimsTable.Qualified;

    public StoreModel Model => model;

    /// <summary>
    /// Begins the group's transaction, takes its locks in one order every group shares, and reads what it needs. Not the
    /// commit-order lock: the commit takes it (see <see cref="CommitAsync(NpgsqlConnection, GroupState, CancellationToken)"/>),
    /// so a second pipeline's group can lock, read and decide while the group before it is still committing.
    /// </summary>
    public async Task<LoadedState> LoadAsync(NpgsqlConnection connection, WriteNeeds needs, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
        if (needs.AdvisoryLocks.Count > 0)
            // Advisory locks before row locks, keys in one sorted order: two groups never wait on each other in a circle.
            batch.Add($"select case when u.x then pg_advisory_xact_lock(hashtext(u.k)) " +
                $"else pg_advisory_xact_lock_shared(hashtext(u.k)) end from unnest($1::text[], $2::boolean[]) u(k, x)",
                needs.AdvisoryLocks.Keys.ToArray(), needs.AdvisoryLocks.Values.ToArray());
        var locked = needs.LockedStreams.Count > 0;
        // Row locks one key after another in the keys' (ordinal) order, which the prefix statement shares.
        if (locked)
            batch.Add(EventStoreSql.LockStreams, Districts(needs.LockedStreams), Ids(needs.LockedStreams));
        foreach (var (district, prefix) in needs.LockedPrefixes)
            batch.Add(EventStoreSql.LockStreamsLike, district, LikePrefix(prefix));
        // Read after the locks, each in a statement of its own: under READ COMMITTED a later statement sees what the
        // holder of a lock we waited for committed, where a join in the locking statement would not.
        var reads = new List<Type>();
        foreach (var (type, keys) in needs.Documents)
        {
            if (keys.Count == 0) continue;
            batch.Add(ByKeys(model.TableOf(type).Qualified), Districts(keys), Ids(keys));
            reads.Add(type);
        }
        foreach (var (type, district, column, value) in needs.DocumentsWhere)
        {
            var table = model.TableOf(type).Qualified;
            batch.Add($"select tenant_id, id, data from {table} where tenant_id = $1 and {ColumnOf(type, column)} = $2", district, value);
            reads.Add(type);
        }
        if (needs.Claims.Count > 0)
        {
            batch.Add(ByKeys(Claims), Districts(needs.Claims), Ids(needs.Claims));
            reads.Add(typeof(IdempotencyRecord));
        }

        var documents = new Dictionary<DocumentKey, object>();
        var versions = new Dictionary<DistrictKey, long>();
        var claims = new Dictionary<DistrictKey, IdempotencyRecord>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (needs.AdvisoryLocks.Count > 0) await reader.NextResultAsync(ct);
        var lockStatements = (locked ? 1 : 0) + needs.LockedPrefixes.Count;
        for (var i = 0; i < lockStatements; i++)
        {
            while (await reader.ReadAsync(ct)) versions[Key(reader)] = reader.GetInt64(2);
            await reader.NextResultAsync(ct);
        }
        foreach (var type in reads)
        {
            while (await reader.ReadAsync(ct))
            {
                if (type == typeof(IdempotencyRecord)) claims[Key(reader)] = StoreJson.Read<IdempotencyRecord>(reader, 2);
                else documents[new DocumentKey(type, Key(reader))] = StoreJson.Read(type, reader, 2);
            }
            await reader.NextResultAsync(ct);
        }
        return new LoadedState(documents, versions, claims);
    }

    /// <summary>
    /// Writes what the group decided and commits, in one round trip. Whatever another writer can still refuse (a new stream,
    /// a claimed key) is written first; then the lock that orders commits, held to the commit, and only under it are
    /// sequence numbers drawn: events become visible in sequence order (a district's newest sequence tells a reader every
    /// event below it is there: the line cache, the live feed, the sealer and the relay rely on it), and a group that
    /// loses a race to another writer fails before its nextval, so it leaves no gap. Its holder waits for no other lock
    /// (its streams are locked, its keys inserted), so a group never holds it while another group holds what it needs.
    /// Throws when anything is refused by the database.
    /// </summary>
    public async Task CommitAsync(NpgsqlConnection connection, GroupState group, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (group.NewStreams.Count > 0)
        {
            var created = group.NewStreams.OrderBy(s => s.Key).ToList();
            batch.Add(EventStoreSql.CreateStreams,
                Districts(created.Select(s => s.Key)), Ids(created.Select(s => s.Key)), created.Select(s => s.Value).ToArray());
        }
        if (group.NewClaims.Count > 0)
        {
            // A plain insert: a key another transaction claimed meanwhile fails the commit (a lost race, retried). In one
            // (ordinal) order every group shares, so two groups claiming the same keys queue rather than deadlock.
            var claims = group.NewClaims.OrderBy(c => c.District, StringComparer.Ordinal)
                .ThenBy(c => c.Record.Id, StringComparer.Ordinal).ToList();
            batch.Add($"""
                insert into {Claims} (tenant_id, id, data, last_modified)
                select u.t, u.i, u.d, now() from unnest($1::varchar[], $2::varchar[], $3::jsonb[]) with ordinality u(t, i, d, n)
                order by u.n
                """, claims.Select(c => c.District).ToArray(), claims.Select(c => c.Record.Id).ToArray(),
                Jsonb(claims.Select(c => StoreJson.Write(c.Record))));
        }
        if (group.Events.Count > 0 || group.Changed.Count > 0) batch.Add(EventStoreSql.TakeCommitOrder);
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
        foreach (var changed in group.Changed.GroupBy(d => d.Key.Type))
            AddUpsert(batch, model.TableOf(changed.Key), changed.Select(d => d.Key.Key).ToList(), changed.Select(d => d.Value).ToList());
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

    /// <summary>The tables the projection writes (every document table but the claims).</summary>
    public IEnumerable<DocumentTable> ProjectedTables => model.Documents.Where(d => d != ClaimsTable);

    /// <summary>The rebuild's transaction: its documents locked against every reader and writer, then emptied.</summary>
    public async Task BeginRebuildAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var tables = string.Join(", ", ProjectedTables.Select(t => t.Qualified));
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
        NpgsqlConnection connection, StoreModel model, long after, int limit, CancellationToken ct, string? district = null)
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
            if (model.EventType(reader.GetString(4)) is not { } type) continue;
            events.Add(new RecordedEvent(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), StoreJson.Read(type, reader, 5)));
        }
        return events;
    }

    /// <summary>Documents of one table by key (the rebuild reading back what an earlier page wrote).</summary>
    public async Task<IReadOnlyDictionary<DistrictKey, object>> ReadDocumentsAsync(
        NpgsqlConnection connection, Type type, IReadOnlyCollection<DistrictKey> keys, CancellationToken ct)
    {
        var documents = new Dictionary<DistrictKey, object>();
        if (keys.Count == 0) return documents;
        await using var batch = new NpgsqlBatch(connection);
        batch.Add(ByKeys(model.TableOf(type).Qualified), Districts(keys), Ids(keys));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) documents[Key(reader)] = StoreJson.Read(type, reader, 2);
        return documents;
    }

    /// <summary>Replaces documents of one table (written earlier in the same transaction).</summary>
    public async Task ReplaceDocumentsAsync(
        NpgsqlConnection connection, Type type, IReadOnlyDictionary<DistrictKey, object> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection);
        AddUpsert(batch, model.TableOf(type), documents.Keys.ToList(), documents.Values.ToList());
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>New documents of one table, by binary COPY with their extra columns.</summary>
    public async Task CopyDocumentsAsync(
        NpgsqlConnection connection, Type type, IReadOnlyDictionary<DistrictKey, object> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        var table = model.TableOf(type);
        var columns = string.Concat(table.Columns.Select(c => $", {c.Name}"));
        var statement = $"copy {table.Qualified} (tenant_id, id, data{columns}) from stdin (format binary)";
        await using var copy = await connection.BeginBinaryImportAsync(statement, ct);
        foreach (var (key, document) in documents)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(key.District, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(key.Id, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(StoreJson.Write(document), NpgsqlDbType.Jsonb, ct);
            foreach (var column in table.Columns) await column.Copy(copy, document, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public string EventTypeName(object data) => model.EventName(data.GetType());

    /// <summary>Insert-or-replace of documents with their extra columns: $1 tenants, $2 ids, $3 bodies, then a column each.</summary>
    private static void AddUpsert(NpgsqlBatch batch, DocumentTable table, IReadOnlyList<DistrictKey> keys, IReadOnlyList<object> documents)
    {
        var extra = table.Columns;
        var columns = string.Concat(extra.Select(c => $", {c.Name}"));
        var arrays = string.Concat(extra.Select((c, i) => $", ${i + 4}::{c.SqlType}[]"));
        var updates = string.Concat(extra.Select(c => $", {c.Name} = excluded.{c.Name}"));
        batch.Add($"""
            insert into {table.Qualified} (tenant_id, id, data{columns}, last_modified)
            select u.*, now() from unnest($1::varchar[], $2::varchar[], $3::jsonb[]{arrays}) u
            on conflict (tenant_id, id) do update set data = excluded.data, last_modified = excluded.last_modified{updates}
            """, [Districts(keys), Ids(keys), Jsonb(documents.Select(StoreJson.Write)), .. extra.Select(c => (object)c.Values(documents))]);
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

    private string ColumnOf(Type type, string column) => model.TableOf(type).Columns.Any(c => c.Name == column) ? column
        : throw new ArgumentException($"{type.Name} has no column {column}", nameof(column));

    /// <summary>A LIKE pattern matching ids that begin with the prefix, whatever it holds.</summary>
    private static string LikePrefix(string prefix) =>
        prefix.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static DistrictKey Key(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetString(1));
    private static string[] Districts(IEnumerable<DistrictKey> keys) => keys.Select(k => k.District).ToArray();
    private static string[] Ids(IEnumerable<DistrictKey> keys) => keys.Select(k => k.Id).ToArray();
    private static NpgsqlParameter Jsonb(IEnumerable<string> json) =>
        new() { Value = json.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
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
