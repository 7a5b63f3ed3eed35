using System.Data;
using FundLedger.Store;
using Npgsql;

namespace FundLedger.Audit;

/// <summary>
/// A connection for the audit walks (the chain check, the bundle, the event feed, the replay of every event): each reads
/// a district's whole history in position or sequence order, and must stay linear in what it reads whatever the planner's
/// statistics say. A district written minutes ago is not in them yet: the planner estimated 8 rows for 40,000 events,
/// chose a nested loop over a materialised scan of the district and rescanned it for every link (32k events took 105 s,
/// 1.9 s once autovacuum had analysed). So the statements are written as index walks (the ordered rows first, then one
/// index probe per row through <c>lateral … offset 0</c>, which the planner cannot turn into a join of its own choosing),
/// and run in a transaction that rules out the shapes a wrong estimate picks: sorts, bitmap and sequential scans, hash,
/// merge and materialised joins. Every plan left is an index walk in the order asked for. Read committed, as before: each
/// statement sees what is committed when it starts, so a long replay compares with documents read right after it.
/// </summary>
public sealed class AuditReader : IAsyncDisposable
{
    private const string IndexWalksOnly = """
        set local enable_sort = off;
        set local enable_bitmapscan = off;
        set local enable_seqscan = off;
        set local enable_hashjoin = off;
        set local enable_mergejoin = off;
        set local enable_material = off;
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private AuditReader(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        (_connection, _transaction) = (connection, transaction);

    /// <summary>
    /// On a connection of its own to the district's database (not the session's, whose other reads stay as they are).
    /// <paramref name="indexWalksOnly"/> false for a read of one stream: its few events are best found by the stream's own
    /// index and sorted.
    /// </summary>
    public static async Task<AuditReader> OpenAsync(StoreSession session, CancellationToken ct, bool indexWalksOnly = true)
    {
        var connection = session.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            if (indexWalksOnly)
            {
                await using var set = new NpgsqlCommand(IndexWalksOnly, connection, transaction);
                await set.ExecuteNonQueryAsync(ct);
            }
            return new AuditReader(connection, transaction);
        }
        catch
        {
            // A failed or cancelled start must not keep a pooled connection out of the pool.
            await connection.DisposeAsync();
            throw;
        }
    }

    public NpgsqlConnection Connection => _connection;

    public NpgsqlCommand Command(string sql) => new(sql, _connection, _transaction);

    public async ValueTask DisposeAsync()
    {
        try { await _transaction.DisposeAsync(); }
        finally { await _connection.DisposeAsync(); }
    }
}
