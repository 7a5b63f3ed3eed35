using FundLedger.Hosting;
using Marten;
using Npgsql;

namespace FundLedger.Audit;

/// <summary>
/// Tamper evidence kept by the database itself, whatever code appends events:
/// <list type="bullet">
/// <item>every row inserted into mt_events extends its district's SHA-256 chain in <c>event_chain</c>
/// (hash = SHA-256(previous hash ‖ canonical form of the event)), under a per-district lock so positions are gapless;</item>
/// <item>recorded events and chain links cannot be updated, deleted or truncated.</item>
/// </list>
/// Applied at start-up after Marten's own schema; every statement is idempotent.
/// </summary>
public sealed class EventChainSchema(IDocumentStore store) : IHostedService
{
    public const string Table = MartenSetup.Schema + ".event_chain";

    /// <summary>
    /// The canonical form hashed for an event: every column an auditor relies on, jsonb in PostgreSQL's normalised
    /// text form and the timestamp as integer microseconds, so it reads the same in any session.
    /// </summary>
    public const string CanonicalExpression =
        "concat_ws('|', e.tenant_id, e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, " +
        "(extract(epoch from e.timestamp) * 1000000)::bigint, e.correlation_id, e.causation_id, e.user_name, e.headers::text)";

    private static readonly string Sql = $"""
        create extension if not exists pgcrypto;

        create table if not exists {Table} (
            tenant_id varchar not null,
            position  bigint not null,
            seq_id    bigint not null,
            hash      bytea not null,
            previous  bytea,
            primary key (tenant_id, position));

        -- pgcrypto lands in the first schema of the migrating role's search_path; pin the lookup so the trigger finds
        -- digest() whichever role appends (the service's own role has a different search_path).
        create or replace function {MartenSetup.Schema}.fundledger_chain_event() returns trigger language plpgsql
            set search_path = {MartenSetup.Schema}, public as $$
        declare
            last_position bigint;
            last_hash bytea;
            canonical text;
        begin
            perform pg_advisory_xact_lock(hashtext('fundledger-chain:' || new.tenant_id));
            select c.position, c.hash into last_position, last_hash
              from {Table} c where c.tenant_id = new.tenant_id order by c.position desc limit 1;
            select {CanonicalExpression.Replace("e.", "new.")} into canonical;
            insert into {Table} (tenant_id, position, seq_id, hash, previous)
            values (new.tenant_id, coalesce(last_position, 0) + 1, new.seq_id,
                    digest(coalesce(last_hash, ''::bytea) || convert_to(canonical, 'UTF8'), 'sha256'), last_hash);
            return new;
        end $$;

        create or replace function {MartenSetup.Schema}.fundledger_refuse_change() returns trigger language plpgsql as $$
        begin
            raise exception 'recorded events are immutable: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
        end $$;

        drop trigger if exists fundledger_chain on {MartenSetup.Schema}.mt_events;
        create trigger fundledger_chain after insert on {MartenSetup.Schema}.mt_events
            for each row execute function {MartenSetup.Schema}.fundledger_chain_event();

        drop trigger if exists fundledger_immutable on {MartenSetup.Schema}.mt_events;
        create trigger fundledger_immutable before update or delete on {MartenSetup.Schema}.mt_events
            for each row execute function {MartenSetup.Schema}.fundledger_refuse_change();
        drop trigger if exists fundledger_immutable_truncate on {MartenSetup.Schema}.mt_events;
        create trigger fundledger_immutable_truncate before truncate on {MartenSetup.Schema}.mt_events
            for each statement execute function {MartenSetup.Schema}.fundledger_refuse_change();

        drop trigger if exists fundledger_immutable on {Table};
        create trigger fundledger_immutable before update or delete on {Table}
            for each row execute function {MartenSetup.Schema}.fundledger_refuse_change();
        drop trigger if exists fundledger_immutable_truncate on {Table};
        create trigger fundledger_immutable_truncate before truncate on {Table}
            for each statement execute function {MartenSetup.Schema}.fundledger_refuse_change();
        """;

    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // One start-up at a time applies it (several replicas may start together).
        await using var command = new NpgsqlCommand($"select pg_advisory_lock(hashtext('fundledger-schema')); {Sql} select pg_advisory_unlock(hashtext('fundledger-schema'));", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
