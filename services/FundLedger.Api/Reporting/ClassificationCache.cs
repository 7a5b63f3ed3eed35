using System.Collections.Concurrent;
using FundLedger.Appropriations;
using FundLedger.Ledger;
using Marten;
using Npgsql;

namespace FundLedger.Reporting;

/// <summary>
/// The year's function classification for the live execution reports, kept per district-year with the event sequence it
/// reflects. A read at a newer head asks only whether a list of the year was loaded since (the events between the two heads,
/// one index range), so the hot execution read does not read the lists again for every payment recorded meanwhile.
/// </summary>
public sealed class ClassificationCache(IDocumentStore store)
{
    private const int MaxYears = 256;
    private readonly ConcurrentDictionary<(string District, int Year), (long Head, FunctionClassification Codes)> _entries = new();

    public async Task<FunctionClassification> ForAsync(string district, int year, long head, CancellationToken ct)
    {
        if (_entries.Count >= MaxYears) _entries.Clear();
        var known = _entries.GetValueOrDefault((district, year));
        if (known.Codes is not null && known.Head == head) return known.Codes;
        await using var session = store.QuerySession(district);
        var codes = known.Codes is not null && known.Head < head && !await LoadedBetweenAsync(session, district, year, known.Head, head, ct)
            ? known.Codes
            : await FunctionClassification.ReadAsync(session, year, null, ct);
        _entries[(district, year)] = (head, codes);
        return codes;
    }

    private static async Task<bool> LoadedBetweenAsync(IQuerySession session, string district, int year, long after, long head,
        CancellationToken ct)
    {
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(EventStoreSql.StreamsChangedBetween, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = head });
        command.Parameters.Add(new NpgsqlParameter { Value = FunctionClassification.StreamFor(year, "%") });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct);
    }
}
