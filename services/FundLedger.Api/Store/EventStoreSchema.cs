using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// FundLedger's own tables, created by its own DDL: the events (one sequence over every district, numbered in commit
/// order under the commit-order lock), the streams with their versions, and a table per kind of document. Every
/// statement is idempotent; the audit chain and the immutability triggers over these tables are in
/// <see cref="EventChainSchema"/>, applied after.
/// </summary>
public static class EventStoreSchema
{
    public static string Sql(StoreModel model) => $"""
        create schema if not exists {StoreSchema.Name};
        create sequence if not exists {EventStoreSql.Sequence};

        create table if not exists {EventStoreSql.Streams} (
            tenant_id varchar not null,
            id        varchar not null,
            type      varchar,
            version   bigint not null,
            created   timestamptz not null default now(),
            timestamp timestamptz not null default now(),
            primary key (tenant_id, id));

        -- seq_id is drawn from the sequence by the writer (never a default, so a copied history keeps its numbers);
        -- the unique stream version is the optimistic guard: two writers of one version, one fails.
        create table if not exists {EventStoreSql.Events} (
            seq_id         bigint primary key,
            id             uuid not null,
            tenant_id      varchar not null,
            stream_id      varchar not null,
            version        bigint not null,
            type           varchar not null,
            data           jsonb not null,
            timestamp      timestamptz not null default now(),
            correlation_id varchar,
            causation_id   varchar,
            user_name      varchar,
            headers        jsonb,
            constraint events_stream_version unique (tenant_id, stream_id, version),
            constraint events_stream foreign key (tenant_id, stream_id) references {EventStoreSql.Streams} (tenant_id, id));
        -- A district's head (its newest event) and its events after a given one, without scanning the district's events.
        create index if not exists events_tenant_seq on {EventStoreSql.Events} (tenant_id, seq_id);
        -- How far a relay has published the events (by sequence) to a destination: it moves only after the broker confirmed.
        create table if not exists {EventStoreSql.RelayCursors} (
            destination varchar primary key,
            position    bigint not null,
            updated     timestamptz not null default now());
        {string.Join("\n", model.Documents.Select(DocumentTableSql))}
        """;

    private static string DocumentTableSql(DocumentTable table)
    {
        var columns = string.Concat(table.Columns.Select(c => $"\n    {c.Name} {c.SqlType} not null,"));
        var indexes = string.Concat(table.Columns.Where(c => c.Indexed).Select(c =>
            $"\ncreate index if not exists {table.Name}_{c.Name} on {table.Qualified} (tenant_id, {c.Name});"));
        return $"""
            create table if not exists {table.Qualified} (
                tenant_id     varchar not null,
                id            varchar not null,
                data          jsonb not null,{columns}
                last_modified timestamptz not null default now(),
                primary key (tenant_id, id));{indexes}
            """;
    }

    /// <summary>On a connection that holds the schema lock (see <see cref="LedgerSchema"/>).</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, StoreModel model, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql(model), connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
