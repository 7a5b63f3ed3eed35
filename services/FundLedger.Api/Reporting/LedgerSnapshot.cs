using FundLedger.Appropriations;
using System.Globalization;
using Npgsql;
using FundLedger.Kernel;
using FundLedger.Http;
using FundLedger.Store;

namespace FundLedger.Reporting;

/// <summary>
/// The appropriations of some years, now (the live projection) or as they had been recorded at an instant
/// (<c>asOf</c>): then every event of those years recorded up to the instant is folded with the projection's own code.
/// An event's instant is its transaction's timestamp in the event table.
/// </summary>
public static class LedgerSnapshot
{
    /// <summary>The path of a read, and its optional <c>asOf</c>.</summary>
    public static Refusal? CheckRead(string district, int year, string? asOf, out DateTimeOffset? instant)
    {
        var badInstant = ParseAsOf(asOf, out instant);
        return PathChecks.Check(district, year) ?? badInstant;
    }

    public static Refusal? ParseAsOf(string? text, out DateTimeOffset? asOf)
    {
        asOf = null;
        if (text is null) return null;
        if (DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            asOf = instant;
            return null;
        }
        return Refusal.Invalid("asOf", "must be an ISO 8601 instant such as 2020-12-31T16:00:00Z");
    }

    public static async Task<List<Appropriation>> AppropriationsAsync(StoreSession session, ILedgerLines ledger, int year,
        DateTimeOffset? asOf, CancellationToken ct, bool withPreviousYear = false)
    {
        var previous = year - 1;
        if (asOf is null)
            return withPreviousYear
                ? [.. await ledger.LinesAsync(session.TenantId, previous, ct), .. await ledger.LinesAsync(session.TenantId, year, ct)]
                : [.. await ledger.LinesAsync(session.TenantId, year, ct)];

        var events = new List<LineEvent>(await EventsAsync(session, year, asOf, ct));
        if (withPreviousYear) events.InsertRange(0, await EventsAsync(session, previous, asOf, ct));
        return AppropriationHistory.Replay(events.OrderBy(e => e.Sequence).Select(e => (e.StreamKey, e.Data))).Values.ToList();
    }

    /// <summary>
    /// One appropriation now (its document) or as recorded at the instant (the year replayed); null when there is none.
    /// </summary>
    public static async Task<Appropriation?> AppropriationAsync(StoreSession session, ILedgerLines ledger, int year, string code,
        DateTimeOffset? asOf, CancellationToken ct)
    {
        var key = Appropriation.KeyFor(year, code);
        return asOf is null
            ? await session.LoadAsync<Appropriation>(key, ct)
            : (await AppropriationsAsync(session, ledger, year, asOf, ct)).SingleOrDefault(a => a.Id == key);
    }

    /// <summary>The events of a year's appropriation streams recorded up to the instant (all of them when it is null).</summary>
    public static async Task<IReadOnlyList<LineEvent>> EventsAsync(
        StoreSession session, int year, DateTimeOffset? asOf, CancellationToken ct)
    {
        var prefix = $"{year}/";
        var until = asOf ?? DateTimeOffset.MaxValue;
        return (await session.StreamEventsAsync(prefix, until, ct)).Select(e => new LineEvent(e.Sequence, e.Stream, e.Data)).ToList();
    }

    /// <summary>
    /// The district's streams (ids like <paramref name="pattern"/>) with an event after <paramref name="after"/>, up to
    /// <paramref name="head"/>: one index range over the events in between.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> StreamsChangedAsync(NpgsqlConnection connection, string district, long after,
        long head, string pattern, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(EventStoreSql.StreamsChangedBetween, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = head });
        command.Parameters.Add(new NpgsqlParameter { Value = pattern });
        var streams = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) streams.Add(reader.GetString(0));
        return streams;
    }

    /// <summary>The district's newest event sequence number (0 for none): one index probe.</summary>
    public static async Task<long> HeadAsync(NpgsqlConnection connection, string district, CancellationToken ct = default)
    {
        await using var command = new NpgsqlCommand(EventStoreSql.DistrictHead, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}

/// <summary>An event of an appropriation's stream as the reports read it: its sequence, stream and data.</summary>
public sealed record LineEvent(long Sequence, string StreamKey, object Data);

/// <summary>
/// The live appropriations of a district-year, as whatever keeps them in memory answers them (the report cache,
/// <see cref="Reporting.LineCache"/>): the ledger's reads ask this, not the cache, so they need nothing of Reporting.
/// </summary>
public interface ILedgerLines
{
    Task<IReadOnlyCollection<Appropriation>> LinesAsync(string district, int year, CancellationToken ct);
}
