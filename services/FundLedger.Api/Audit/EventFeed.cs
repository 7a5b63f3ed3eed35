using System.Text.Json;
using FundLedger.Hosting;
using FundLedger.Ledger;
using Marten;
using Npgsql;

namespace FundLedger.Audit;

/// <summary>Reads recorded events with their metadata and chain link, straight from the event table, in sequence order.</summary>
public static class EventFeed
{
    public static async Task<IReadOnlyList<AuditEvent>> ReadAsync(IQuerySession session, long fromSequence, int limit, string? stream, CancellationToken ct)
    {
        await ChainSealer.SealAsync(session, ct);
        var sql = $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.correlation_id, e.causation_id, e.user_name,
                   e.headers ->> '{EventMetadata.ClientId}', e.headers ->> '{EventMetadata.IdempotencyKey}', c.position, encode(c.hash, 'hex')
              from (select * from {MartenSetup.Schema}.mt_events e
                     where e.tenant_id = @tenant and e.seq_id >= @from and e.type <> '{EventChainSchema.Tombstone}' {(stream is null ? "" : "and e.stream_id = @stream")}
                     order by e.tenant_id, e.seq_id
                     limit @limit) e
              left join lateral (select c.position, c.hash from {EventChainSchema.Table} c
                                  where c.seq_id = e.seq_id and c.tenant_id = e.tenant_id offset 0) c on true
             order by e.seq_id
            """;
        // The district's events in sequence order from @from, each link by one index probe (see AuditReader).
        await using var audit = await AuditReader.OpenAsync(session, ct, indexWalksOnly: stream is null);
        await using var command = audit.Command(sql);
        command.Parameters.AddWithValue("tenant", session.TenantId);
        command.Parameters.AddWithValue("from", fromSequence);
        command.Parameters.AddWithValue("limit", limit);
        if (stream is not null) command.Parameters.AddWithValue("stream", stream);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), JsonDocument.Parse(reader.GetString(5)).RootElement,
                Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11), Text(reader, 12)));
        }
        return events;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
