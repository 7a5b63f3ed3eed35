using System.Text.Json;
using FundLedger.Ledger;
using Marten;
using Npgsql;

namespace FundLedger.Audit;

/// <summary>Reads recorded events with their metadata and chain link, straight from the event table, in sequence order.</summary>
public static class EventFeed
{
    public static async Task<IReadOnlyList<AuditEvent>> ReadAsync(
        IQuerySession session, long fromSequence, int limit, string? stream, CancellationToken ct)
    {
        await ChainSealer.SealAsync(session, ct);
        var sql = EventStoreSql.Feed(oneStream: stream is not null);
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
