using FundLedger.Appropriations;
using FundLedger.Reporting;
using Npgsql;
using FundLedger.Kernel;
using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>Exports a district-year as an <see cref="AuditBundle"/>, read in one transaction-consistent pass of queries.</summary>
public static class BundleExport
{
    public static async Task<AuditBundle> ExportAsync(StoreSession session, ILedgerLines ledger, int year, CancellationToken ct)
    {
        var sealedAt = await ChainSealer.SealAsync(session, ct);
        var events = new List<BundleEvent>();
        var sql = EventStoreSql.BundleEvents;
        // The chain in position order, each link's event by one index probe (see AuditReader).
        await using (var audit = await AuditReader.OpenAsync(session, ct))
        await using (var command = audit.Command(sql))
        {
            command.Parameters.AddWithValue("tenant", session.TenantId);
            command.Parameters.AddWithValue("prefix", $"{year}/%");
            command.Parameters.AddWithValue("fiscal", Appropriations.FiscalYear.KeyFor(year));
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                events.Add(new BundleEvent(r.GetString(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), r.GetInt64(4), r.GetString(5),
                    r.GetString(6), r.GetInt64(7), Text(r, 8), Text(r, 9), Text(r, 10), Text(r, 11), r.GetInt64(12), Text(r, 13),
                    r.GetString(14)));
        }

        var chain = await ChainVerifier.VerifyAsync(session, sealedAt, ct);
        var lines = await LedgerSnapshot.AppropriationsAsync(session, ledger, year, null, ct);
        var figures = lines.OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new BundleFigures(a.Id, a.Original.Yuan, a.Supplements.Yuan, a.Reductions.Yuan, a.Disbursed.Yuan, a.Reversed.Yuan,
                a.Carried.Yuan, a.Lapsed.Yuan, a.Adjusted.Yuan, a.Executed.Yuan))
            .ToList();
        var lineEvents = await LedgerSnapshot.EventsAsync(session, year, null, ct);
        var general = lines.Where(a => a.OriginFundSource == FundSource.GeneralBudget).ToList();
        var codes = await FunctionClassification.ReadAsync(session, year, null, ct);
        return new AuditBundle(session.TenantId, year, DateTimeOffset.UtcNow, chain.Links, chain.Head, events, figures,
            ExecutionGrouping.Build(year, "function-section", lines).Named(codes),
            new VarianceReport(year, "section", "general-budget", Language.Chinese.Code,
                VarianceNodes.Of(year, "section", general, lineEvents, codes, Language.Chinese)));
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
