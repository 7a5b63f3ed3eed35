using System.Security.Cryptography;
using System.Text;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>
/// Recomputes a district's hash chain from the events as they are now. An event edited, deleted or slipped in
/// behind the service's back makes its link (or its absence from the chain) visible here.
/// </summary>
public static class ChainVerifier
{
    // sealedAt: when the caller's ChainSealer.SealAsync began; the caller seals once per request, before any chain read.
    public static async Task<ChainVerification> VerifyAsync(StoreSession session, DateTimeOffset sealedAt, CancellationToken ct)
    {
        // The links in position order (a walk of the chain's primary key), each with its event by one index probe.
        var sql = EventStoreSql.ChainWithEvents;
        var breaks = new List<ChainBreak>();
        byte[]? previous = null;
        long links = 0;
        await using var audit = await AuditReader.OpenAsync(session, ct);
        await using (var command = audit.Command(sql))
        {
            command.Parameters.AddWithValue("tenant", session.TenantId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                links++;
                var (position, sequence, stored) = (reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2]);
                var canonical = reader.IsDBNull(4) ? null : reader.GetString(4);
                if (canonical is null) breaks.Add(new ChainBreak(position, sequence, "the event is missing"));
                else if (!Hash(previous, canonical).SequenceEqual(stored))
                    breaks.Add(new ChainBreak(position, sequence, "the event differs from what was recorded"));
                previous = stored;
            }
        }

        // The district's events in sequence order, each looked up in the chain by one index probe.
        await using var count = audit.Command(EventStoreSql.UnchainedEvents);
        count.Parameters.AddWithValue("tenant", session.TenantId);
        // Everything committed before the seal above is linked now; a write committing during this check is not a break.
        count.Parameters.AddWithValue("sealed", sealedAt.AddSeconds(-10));
        await using (var unchained = await count.ExecuteReaderAsync(ct))
            while (await unchained.ReadAsync(ct)) breaks.Add(new ChainBreak(0, unchained.GetInt64(0), "the event is not in the chain"));

        return new ChainVerification(breaks.Count == 0, links,
            links + breaks.Count(b => b.Position == 0) - breaks.Count(b => b.Problem == "the event is missing"),
            breaks, previous is null ? null : Convert.ToHexStringLower(previous));
    }

    /// <summary>SHA-256(previous hash ‖ UTF-8 canonical form): what the database computed when the event was appended.</summary>
    public static byte[] Hash(byte[]? previous, string canonical) =>
        SHA256.HashData([.. previous ?? [], .. Encoding.UTF8.GetBytes(canonical)]);
}
