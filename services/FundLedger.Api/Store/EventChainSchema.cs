using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// Tamper evidence kept by the database itself, whatever code appends events:
/// <list type="bullet">
/// <item>every committed event (<see cref="EventStoreSql.Events"/>) extends its district's SHA-256 chain in <c>event_chain</c>
/// (hash = SHA-256(previous hash ‖ canonical form of the event)), sealed right after commit by
/// Audit/ChainSealer, one sealer at a time, so positions are gapless;</item>
/// <item>recorded events and chain links cannot be updated, deleted or truncated.</item>
/// </list>
/// Applied after the store's tables (see <see cref="Store.LedgerSchema"/>); every statement is idempotent.
/// </summary>
public static class EventChainSchema
{
    private const string Table = EventStoreSql.Chain;

    /// <summary>The canonical form of an event, hashed into the chain (see <see cref="EventStoreSql.CanonicalEvent"/>).</summary>
    private const string CanonicalExpression = EventStoreSql.CanonicalEvent;

    private const string Events = EventStoreSql.Events;

    private static readonly string Sql = $"""
        create extension if not exists pgcrypto;

        create table if not exists {Table} (
            tenant_id varchar not null,
            position  bigint not null,
            seq_id    bigint not null,
            hash      bytea not null,
            previous  bytea,
            primary key (tenant_id, position));

        create unique index if not exists event_chain_seq_id on {Table} (seq_id);

        -- Chaining happens after commit, in order, by one sealer at a time (see ChainSealer): a per-district lock held
        -- from the append to the commit's WAL flush would serialise every write of a district. The former insert
        -- trigger is dropped below.
        -- pgcrypto lands in the first schema of the migrating role's search_path; pin the lookup so the function finds
        -- digest() whichever role runs it (the service's own role has a different search_path).
        drop function if exists {StoreSchema.Name}.fundledger_chain_event() cascade;
        drop function if exists {StoreSchema.Name}.fundledger_seal_chain(int, boolean);
        create or replace function {StoreSchema.Name}.fundledger_seal_chain(p_limit int, p_wait boolean, p_window bigint)
            returns int language plpgsql
            set search_path = {StoreSchema.Name}, public as $$
        declare
            tenants varchar[];
            seqs bigint[];
            canonicals text[];
            positions bigint[];
            hashes bytea[];
            previouses bytea[];
            n int;
            current_tenant varchar;
            last_position bigint;
            last_hash bytea;
            low bigint;
        begin
            if p_wait then
                perform pg_advisory_xact_lock(hashtext('fundledger-chain-sealer'));
            elsif not pg_try_advisory_xact_lock(hashtext('fundledger-chain-sealer')) then
                return 0;
            end if;
            -- Committed events not yet linked, oldest first, read in one statement. p_window reaches back below the newest
            -- link so that a transaction that took its sequence number early but committed late is still found: 0 for the
            -- frequent cheap pass over new events only, a wide window for the periodic and the pre-read passes. Taken in
            -- sequence order (a range of the primary key) and only then sorted by district: ordered by district, the planner
            -- walked the whole (tenant_id, seq_id) index for the few new events, every 200 ms.
            select coalesce(max(c.seq_id), 0) - p_window into low from {Table} c;
            -- Planned for this bound every time (EXECUTE): the function's cached generic plan could not know how few
            -- events lie above it, and hashed the whole chain for the anti-join: 70 ms a pass at 180,000 links, growing with
            -- every event, and the largest share of the database's time in the 64-client benchmark. With the bound known,
            -- the frequent pass is a nested loop over the new events (0.1 ms) and the wide one merges two index ranges.
            execute $q$
                select array_agg(x.tenant_id order by x.tenant_id, x.seq_id), array_agg(x.seq_id order by x.tenant_id, x.seq_id),
                       array_agg(x.canonical order by x.tenant_id, x.seq_id)
                  from (select e.tenant_id, e.seq_id, {CanonicalExpression} as canonical
                          from {Events} e
                         where e.seq_id > $1
                           and not exists (select 1 from {Table} c where c.seq_id = e.seq_id and c.seq_id > $1)
                         order by e.seq_id
                         limit $2) x
                $q$
              into tenants, seqs, canonicals
              using low, p_limit;
            n := coalesce(array_length(seqs, 1), 0);
            if n = 0 then
                return 0;
            end if;
            positions := array_fill(0::bigint, array[n]);
            hashes := array_fill(null::bytea, array[n]);
            previouses := array_fill(null::bytea, array[n]);
            -- The links themselves: each hash covers the one before it, so they are computed in order, then written at once
            -- (a row-by-row insert was most of the sealer's cost: about 40 us an event).
            for i in 1 .. n loop
                if current_tenant is distinct from tenants[i] then
                    select c.position, c.hash into last_position, last_hash
                      from {Table} c where c.tenant_id = tenants[i] order by c.position desc limit 1;
                    current_tenant := tenants[i];
                end if;
                previouses[i] := last_hash;
                last_hash := digest(coalesce(last_hash, ''::bytea) || convert_to(canonicals[i], 'UTF8'), 'sha256');
                last_position := coalesce(last_position, 0) + 1;
                positions[i] := last_position;
                hashes[i] := last_hash;
            end loop;
            insert into {Table} (tenant_id, position, seq_id, hash, previous)
            select * from unnest(tenants, positions, seqs, hashes, previouses);
            return n;
        end $$;

        -- The lock ordering commits (Store/EventStoreSql.CommitOrderLock), taken by a write's transaction before its first
        -- sequence number is drawn (Ledger/LedgerTables.CommitAsync). A procedure: its call returns no result set to skip.
        create or replace procedure {StoreSchema.Name}.fundledger_take_commit_order() language sql
            as $$ select pg_advisory_xact_lock({EventStoreSql.CommitOrderLock}) $$;

        create or replace function {StoreSchema.Name}.fundledger_refuse_change() returns trigger language plpgsql as $$
        begin
            raise exception 'recorded events are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
        end $$;

        -- Created only when missing: dropping and creating them at every start took the strongest lock on the events, which
        -- waited behind a running audit walk while every write waited behind it.
        do $$
        begin
            if not exists (select 1 from pg_trigger where tgname = 'fundledger_immutable' and tgrelid = '{Events}'::regclass) then
                create trigger fundledger_immutable before update or delete on {Events}
                    for each row execute function {StoreSchema.Name}.fundledger_refuse_change();
            end if;
            if not exists (select 1 from pg_trigger where tgname = 'fundledger_immutable_truncate' and tgrelid = '{Events}'::regclass) then
                create trigger fundledger_immutable_truncate before truncate on {Events}
                    for each statement execute function {StoreSchema.Name}.fundledger_refuse_change();
            end if;
            if not exists (select 1 from pg_trigger where tgname = 'fundledger_immutable' and tgrelid = '{Table}'::regclass) then
                create trigger fundledger_immutable before update or delete on {Table}
                    for each row execute function {StoreSchema.Name}.fundledger_refuse_change();
            end if;
            if not exists (select 1 from pg_trigger where tgname = 'fundledger_immutable_truncate' and tgrelid = '{Table}'::regclass) then
                create trigger fundledger_immutable_truncate before truncate on {Table}
                    for each statement execute function {StoreSchema.Name}.fundledger_refuse_change();
            end if;
        end $$;
        """;

    /// <summary>On a connection that holds the schema lock (see <see cref="Store.LedgerSchema"/>).</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
