
namespace FundLedger.Store;

/// <summary>
/// Every statement FundLedger runs against its event store's tables (<c>events</c>, <c>streams</c>, and the hash chain kept
/// over them), in one place, each named for what it answers. Callers bind the parameters its summary names and read the
/// columns in the order selected. The tables' DDL is in <see cref="Store.EventStoreSchema"/>; the chain's (its table, the
/// immutability triggers, the sealing function) in <see cref="Store.EventChainSchema"/>.
/// </summary>
public static class EventStoreSql
{
    /// <summary>The two-key advisory lock ordering commits; two keys, so it never meets the one-key year locks.</summary>
    public const string CommitOrderLock = "1179403264, 1";

    public const string Events = StoreSchema.Name + ".events";
    public const string Streams = StoreSchema.Name + ".streams";

    /// <summary>The one sequence numbering every district's events.</summary>
    public const string Sequence = StoreSchema.Name + ".event_sequence";
    public const string RelayCursors = StoreSchema.Name + ".relay_cursors";

    /// <summary>
    /// Up to $2 events of every district after sequence $1, oldest first, with their time and the trace context of the request
    /// that recorded them (the integration relay).
    /// </summary>
    public const string RelayEventsAfter =
        $"select seq_id, tenant_id, stream_id, version, type, data, timestamp, headers ->> 'traceparent' from {Events} " +
        "where seq_id > $1 order by seq_id limit $2";

    /// <summary>The relay's position for destination $1, 0 (the whole history) the first time.</summary>
    public const string RelayCursor = $"select coalesce((select position from {RelayCursors} where destination = $1), 0)";

    /// <summary>Moves destination $1's cursor to $2; never backwards (a standby that took over late cannot undo progress).</summary>
    public const string MoveRelayCursor = $"""
        insert into {RelayCursors} (destination, position) values ($1, $2)
        on conflict (destination) do update set position = greatest({RelayCursors}.position, excluded.position), updated = now()
        """;

    /// <summary>The newest sequence of the database (the relay's lag is this less its cursor).</summary>
    public const string Head = $"select coalesce(max(seq_id), 0) from {Events}";
    public const string Chain = StoreSchema.Name + ".event_chain";

    /// <summary>
    /// Marten's placeholder, in a database an earlier release wrote, for a sequence number a failed transaction took: no
    /// business content, never chained, not copied by <see cref="FormerTablesMigration"/>.
    /// </summary>
    public const string Tombstone = "tombstone";

    /// <summary>
    /// The canonical form hashed for an event <c>e</c>: every column an auditor relies on, jsonb in PostgreSQL's normalised
    /// text form and the timestamp as integer microseconds, so it reads the same in any session.
    /// </summary>
    public const string CanonicalEvent =
        "concat_ws('|', e.tenant_id, e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, " +
        "(extract(epoch from e.timestamp) * 1000000)::bigint, e.correlation_id, e.causation_id, e.user_name, e.headers::text)";

    /// <summary>
    /// Takes the two-key advisory lock that orders commits (<see cref="CommitOrderLock"/>), held to the end of
    /// the transaction: a call of the procedure <see cref="Store.EventChainSchema"/> creates.
    /// </summary>
    public const string TakeCommitOrder = $"call {StoreSchema.Name}.fundledger_take_commit_order()";

    // ---- The write path (Ledger/LedgerTables): a group's locks, reads and writes in two round trips.

    /// <summary>Row-locks streams one key after another ($1 tenants, $2 ids, in the keys' order); answers tenant, id, version.</summary>
    public const string LockStreams = $"""
        select s.tenant_id, s.id, s.version from unnest($1::varchar[], $2::varchar[]) u(t, i)
        cross join lateral (select tenant_id, id, version from {Streams} where tenant_id = u.t and id = u.i for update) s
        """;

    /// <summary>
    /// Row-locks every stream of a district whose id matches a LIKE pattern ($1 tenant, $2 pattern: a year close's
    /// <c>2020/%</c>), in the same order; answers tenant, id, version.
    /// </summary>
    public const string LockStreamsLike = $"""
        select tenant_id, id, version from {Streams} where tenant_id = $1 and id like $2
        order by tenant_id collate "C", id collate "C" for update
        """;

    /// <summary>Creates streams at version 0 ($1 tenants, $2 ids, $3 stream types); a concurrent creator fails on the key.</summary>
    public const string CreateStreams = $"""
        insert into {Streams} (tenant_id, id, type, version, timestamp, created)
        select u.t, u.i, u.ty, 0, now(), now() from unnest($1::varchar[], $2::varchar[], $3::varchar[]) u(t, i, ty)
        """;

    /// <summary>Sets each stream's version to its newest event ($1 tenants, $2 ids, $3 versions).</summary>
    public const string SetStreamVersions = $"""
        update {Streams} s set version = u.v, timestamp = now()
        from unnest($1::varchar[], $2::varchar[], $3::bigint[]) u(t, i, v) where s.tenant_id = u.t and s.id = u.i
        """;

    /// <summary>Appends events, drawing sequence numbers in the order of the arrays ($1 ids … $10 user names).</summary>
    public const string AppendEvents = $"""
        insert into {Events} (seq_id, id, stream_id, version, data, type, timestamp, tenant_id,
                              correlation_id, causation_id, headers, user_name)
        select nextval('{Sequence}'), u.id, u.stream, u.version, u.data, u.type, now(), u.tenant,
               u.correlation, u.causation, u.headers, u.usr
        from unnest($1::uuid[], $2::varchar[], $3::bigint[], $4::jsonb[], $5::varchar[], $6::varchar[],
                    $7::varchar[], $8::varchar[], $9::jsonb[], $10::varchar[])
             u(id, stream, version, data, type, tenant, correlation, causation, headers, usr)
        """;

    /// <summary>Whether an event is there ($1 tenant, $2 stream, $3 version, $4 id): did an interrupted commit happen?</summary>
    public const string IsEventRecorded =
        $"select exists (select 1 from {Events} where tenant_id = $1 and stream_id = $2 and version = $3 and id = $4)";

    /// <summary>Up to $2 events of every district after sequence $1, oldest first (the rebuild).</summary>
    public const string EventsAfter =
        $"select seq_id, tenant_id, stream_id, version, type, data from {Events} where seq_id > $1 order by seq_id limit $2";

    /// <summary>
    /// Up to $2 events of district $3 after sequence $1, oldest first, through events_tenant_seq (the rebuild of one
    /// district).
    /// </summary>
    public const string DistrictEventsAfter =
        $"select seq_id, tenant_id, stream_id, version, type, data from {Events} " +
        $"where tenant_id = $3 and seq_id > $1 order by tenant_id, seq_id limit $2";

    // ---- Reads of the ledger.

    /// <summary>The district's newest event sequence number ($1 tenant), 0 when it has none: one index probe.</summary>
    public const string DistrictHead = $"select coalesce(max(seq_id), 0) from {Events} where tenant_id = $1";

    /// <summary>The streams of a district-year ($1 tenant, $4 pattern <c>{year}/%</c>) with an event after $2 up to $3.</summary>
    public const string StreamsChangedBetween = $"""
        select distinct stream_id from {Events}
        where tenant_id = $1 and seq_id > $2 and seq_id <= $3 and stream_id like $4
        """;

    /// <summary>
    /// Up to @limit events of district @tenant after @after, for the live stream: sequence, stream, type, instant, amount.
    /// </summary>
    public const string LiveEventsAfter = $"""
        select seq_id, stream_id, type, timestamp, data ->> 'amount' from {Events}
         where tenant_id = @tenant and seq_id > @after
         order by tenant_id, seq_id limit @limit
        """;

    /// <summary>
    /// District $1's events of the streams whose ids begin with $2 (no wildcard in it), recorded at or before $3, oldest
    /// first: sequence, stream, type, data (the <c>asOf</c> reads and a year's loaded classification lists).
    /// </summary>
    public const string StreamEventsUntil = $"""
        select seq_id, stream_id, type, data from {Events}
         where tenant_id = $1 and stream_id like $2 || '%' and timestamp <= $3
         order by tenant_id, seq_id
        """;

    /// <summary>
    /// One stream's events up to an instant, in order: the stream version index, where a prefix read (a LIKE on a parameter,
    /// which no index serves) walks every event of the district.
    /// </summary>
    public const string StreamEventsOfUntil = $"""
        select seq_id, stream_id, type, data from {Events}
         where tenant_id = $1 and stream_id = $2 and timestamp <= $3
         order by tenant_id, stream_id, version
        """;

    /// <summary>Whether the event table exists (readiness).</summary>
    public const string EventStoreExists = $"select to_regclass('{Events}') is not null";

    /// <summary>Whether the event table and the chain exist (a service that applies no DDL requires both).</summary>
    public const string EventStoreAndChainExist = $"select to_regclass('{Events}') is not null and to_regclass('{Chain}') is not null";

    // ---- The audit's walks (run through Audit/AuditReader, whose settings keep them index walks).

    /// <summary>District @tenant's links in position order, each with its event's canonical form (null when the event is gone).</summary>
    public const string ChainWithEvents = $"""
        select c.position, c.seq_id, c.hash, c.previous, e.canonical
          from (select * from {Chain} where tenant_id = @tenant order by position offset 0) c
          left join lateral (select {CanonicalEvent} as canonical
                               from {Events} e
                              where e.tenant_id = c.tenant_id and e.seq_id = c.seq_id offset 0) e on true
         order by c.position
        """;

    /// <summary>District @tenant's events recorded before @sealed that have no link in the chain.</summary>
    public const string UnchainedEvents = $"""
        select e.seq_id from {Events} e
         where e.tenant_id = @tenant and e.timestamp < @sealed
           and not exists (select 1 from {Chain} c where c.seq_id = e.seq_id and c.tenant_id = e.tenant_id offset 0)
         order by e.tenant_id, e.seq_id
        """;

    /// <summary>
    /// Up to @limit events of district @tenant from sequence @from, each with its link; narrowed, for each filter asked for,
    /// to stream @stream, sequences up to @to, types in @types, and recorded at or after @since and before @until.
    /// </summary>
    public static string Feed(bool oneStream, bool upTo = false, bool types = false, bool since = false, bool until = false) => $"""
        select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.correlation_id, e.causation_id, e.user_name,
               e.headers ->> '{EventMetadata.ClientId}', e.headers ->> '{EventMetadata.IdempotencyKey}', c.position, encode(c.hash, 'hex')
          from (select * from {Events} e
                 where e.tenant_id = @tenant and e.seq_id >= @from
                       {(oneStream ? "and e.stream_id = @stream" : "")} {(upTo ? "and e.seq_id <= @to" : "")}
                       {(types ? "and e.type = any(@types)" : "")} {(since ? "and e.timestamp >= @since" : "")}
                       {(until ? "and e.timestamp < @until" : "")}
                 order by e.tenant_id, e.seq_id
                 limit @limit) e
          left join lateral (select c.position, c.hash from {Chain} c
                              where c.seq_id = e.seq_id and c.tenant_id = e.tenant_id offset 0) c on true
         order by e.seq_id
        """;

    /// <summary>
    /// District @tenant's links in position order with their events of a year (streams like @prefix, and the fiscal
    /// year's @fiscal).
    /// </summary>
    public const string BundleEvents = $"""
        select e.tenant_id, e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text,
               (extract(epoch from e.timestamp) * 1000000)::bigint,
               e.correlation_id, e.causation_id, e.user_name, e.headers::text, c.position, encode(c.previous, 'hex'), encode(c.hash, 'hex')
          from (select * from {Chain} where tenant_id = @tenant order by position offset 0) c
          join lateral (select * from {Events} e
                         where e.tenant_id = c.tenant_id and e.seq_id = c.seq_id
                           and (e.stream_id like @prefix or e.stream_id = @fiscal) offset 0) e on true
         order by c.position
        """;
}
