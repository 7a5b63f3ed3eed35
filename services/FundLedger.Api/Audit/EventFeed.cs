using System.Text.Json;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>
/// Which events of a district a feed answers: from a sequence, at most <paramref name="Limit"/>, and optionally one stream,
/// a last sequence, some event types and a range of recorded instants (from inclusive, to exclusive).
/// </summary>
public sealed record FeedFilter(long FromSequence, int Limit, string? Stream = null, long? ToSequence = null,
    IReadOnlyList<string>? Types = null, DateTimeOffset? RecordedFrom = null, DateTimeOffset? RecordedTo = null);

/// <summary>Reads recorded events with their metadata and chain link, straight from the event table, in sequence order.</summary>
public static class EventFeed
{
    public static async Task<IReadOnlyList<AuditEvent>> ReadAsync(StoreSession session, FeedFilter filter, CancellationToken ct)
    {
        await ChainSealer.SealAsync(session, ct);
        var sql = EventStoreSql.Feed(oneStream: filter.Stream is not null, upTo: filter.ToSequence is not null,
            types: filter.Types is { Count: > 0 }, since: filter.RecordedFrom is not null, until: filter.RecordedTo is not null);
        // The district's events in sequence order from @from, each link by one index probe (see AuditReader).
        await using var audit = await AuditReader.OpenAsync(session, ct, indexWalksOnly: filter.Stream is null);
        await using var command = audit.Command(sql);
        command.Parameters.AddWithValue("tenant", session.TenantId);
        command.Parameters.AddWithValue("from", filter.FromSequence);
        command.Parameters.AddWithValue("limit", filter.Limit);
        if (filter.Stream is { } stream) command.Parameters.AddWithValue("stream", stream);
        if (filter.ToSequence is { } to) command.Parameters.AddWithValue("to", to);
        if (filter.Types is { Count: > 0 } types) command.Parameters.AddWithValue("types", types.ToArray());
        if (filter.RecordedFrom is { } since) command.Parameters.AddWithValue("since", since);
        if (filter.RecordedTo is { } until) command.Parameters.AddWithValue("until", until);
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
