using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// Once, in a database an earlier release wrote (when FundLedger kept its events in Marten's <c>mt_events</c>,
/// <c>mt_streams</c> and <c>mt_doc_*</c> tables): copies every event with its sequence number, id, timestamp and metadata
/// unchanged (so each event's canonical form, and with it the audit chain, is the same), every stream and every document,
/// sets the sequence past the highest number ever drawn, and moves Marten's tables and functions out of the store's schema
/// into <see cref="RetiredSchema"/>, kept as they were for an auditor to compare. One transaction under exclusive locks:
/// a write of an earlier replica still running either committed before (and is copied) or fails (and is retried by its
/// client against the new service). Marten's placeholders for failed appends (<c>tombstone</c>) are not copied: they
/// carry nothing, were never chained, and leave the gap they always were.
/// </summary>
public static class FormerTablesMigration
{
    public const string RetiredSchema = "fundledger_marten_retired";

    private const string S = StoreSchema.Name;

    /// <summary>On a connection that holds the schema lock, after the store's tables exist. Returns what it copied, or null.</summary>
    public static async Task<string?> ApplyAsync(NpgsqlConnection connection, StoreModel model, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand($"select to_regclass('{S}.mt_events') is not null", connection))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return null;

        var documents = new List<DocumentTable>();
        foreach (var table in model.Documents)
        {
            await using var exists = new NpgsqlCommand($"select to_regclass('{S}.{FormerTable(table)}') is not null", connection);
            if ((bool)(await exists.ExecuteScalarAsync(ct))!) documents.Add(table);
        }
        var formerDocuments = string.Join(", ", documents.Select(d => $"{S}.{FormerTable(d)}"));
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var copy = new NpgsqlCommand($"""
            lock table {S}.mt_events, {S}.mt_streams{(documents.Count > 0 ? ", " + formerDocuments : "")} in exclusive mode;
            insert into {EventStoreSql.Streams} (tenant_id, id, type, version, created, timestamp)
                 select tenant_id, id, type, version, created, timestamp from {S}.mt_streams;
            insert into {EventStoreSql.Events} (seq_id, id, tenant_id, stream_id, version, type, data, timestamp,
                                               correlation_id, causation_id, user_name, headers)
                 select seq_id, id, tenant_id, stream_id, version, type, data, timestamp,
                        correlation_id, causation_id, user_name, headers
                   from {S}.mt_events where type <> '{EventStoreSql.Tombstone}' order by seq_id;
            select setval('{EventStoreSql.Sequence}', m, true)
              from (select greatest(max(seq_id), (select last_value from {S}.mt_events_sequence)) m from {S}.mt_events) x
             where m > 0;
            {string.Concat(documents.Select(CopyDocuments))}
            """, connection, transaction))
            await copy.ExecuteNonQueryAsync(ct);

        string counts;
        await using (var count = new NpgsqlCommand(
            $"select (select count(*) from {EventStoreSql.Events}), (select count(*) from {EventStoreSql.Streams})",
            connection, transaction))
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            counts = $"{reader.GetInt64(0)} events and {reader.GetInt64(1)} streams";
        }

        await using (var retire = new NpgsqlCommand($"""
            create schema if not exists {RetiredSchema};
            do $$
            declare r record;
            begin
                for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                          where n.nspname = '{S}' and c.relkind in ('r', 'p') and c.relname like 'mt\_%' loop
                    execute format('alter table {S}.%I set schema {RetiredSchema}', r.relname);
                end loop;
                for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                          where n.nspname = '{S}' and c.relkind = 'S' and c.relname like 'mt\_%' loop
                    execute format('alter sequence {S}.%I set schema {RetiredSchema}', r.relname);
                end loop;
                for r in select p.oid::regprocedure as routine from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                          where n.nspname = '{S}' and p.proname like 'mt\_%' loop
                    execute format('alter routine %s set schema {RetiredSchema}', r.routine);
                end loop;
            end $$;
            """, connection, transaction))
            await retire.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return $"copied {counts} and {documents.Count} document tables from Marten's tables, now kept in schema {RetiredSchema}";
    }

    /// <summary>Where Marten kept a document type: <c>mt_doc_</c> and the type's name in lower case.</summary>
    private static string FormerTable(DocumentTable table) => $"mt_doc_{table.Document.Name.ToLowerInvariant()}";

    /// <summary>
    /// A column's name in Marten's table: the same, but for <c>version</c>, which Marten kept as its numeric revision
    /// (<c>mt_version</c>, set to the stream's version by every release that wrote it).
    /// </summary>
    private static string FormerColumn(DocumentColumn column) => column.Name == "version" ? "mt_version" : column.Name;

    private static string CopyDocuments(DocumentTable table)
    {
        var columns = string.Concat(table.Columns.Select(c => $", {c.Name}"));
        var former = string.Concat(table.Columns.Select(c => $", {FormerColumn(c)}"));
        return $"""
            insert into {table.Qualified} (tenant_id, id, data{columns}, last_modified)
                 select tenant_id, id, data{former}, mt_last_modified from {S}.{FormerTable(table)};

            """;
    }
}
