using Marten;
using Npgsql;

namespace FundLedger.YearEnd;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock on one district's fiscal year. Writes that create
/// appropriations in a year hold it shared; closing the year holds it exclusively, so no appropriation can
/// appear in a year while it is being closed. Money writes on existing appropriations need no year lock:
/// closing takes every appropriation's row lock, which those writes hold while they decide.
/// </summary>
public static class YearLock
{
    public static Task ShareAsync(IDocumentSession session, int year, CancellationToken ct) =>
        TakeAsync(session, year, "pg_advisory_xact_lock_shared", ct);

    public static Task ExclusiveAsync(IDocumentSession session, int year, CancellationToken ct) =>
        TakeAsync(session, year, "pg_advisory_xact_lock", ct);

    private static async Task TakeAsync(IDocumentSession session, int year, string function, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"select {function}(hashtext(@key))", session.Connection);
        command.Parameters.AddWithValue("key", $"fundledger:{session.TenantId}:{year}");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether the district has closed the year (read under one of the locks above).</summary>
    public static async Task<bool> IsClosedAsync(IQuerySession session, int year, CancellationToken ct) =>
        (await session.LoadAsync<FiscalYear>(FiscalYear.KeyFor(year), ct))?.Closed == true;
}
