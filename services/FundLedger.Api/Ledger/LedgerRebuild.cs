using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;
using Npgsql;

namespace FundLedger.Ledger;

/// <summary>
/// Replaces every projected document by what the events say: reads the events once, in sequence order, a page at a
/// time; folds them in memory with the ledger's projection (<see cref="LedgerProjection"/>, the code the write path
/// runs); and writes the documents with binary COPY. One transaction: readers see the old documents or the new ones,
/// and writers wait for it. Memory holds the appropriations and fiscal years (one per line) and one page of vouchers.
/// </summary>
public sealed class LedgerRebuild(LedgerTables tables)
{
    public const int Page = 50_000;

    public async Task<long> RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await tables.BeginRebuildAsync(connection, ct);
        var documents = new Documents();
        long events = 0, after = 0;
        while (true)
        {
            var page = await LedgerTables.ReadEventsAsync(connection, after, Page, ct);
            if (page.Count == 0) break;
            // A reversal of a voucher paid in an earlier page: that page's documents are already written; read them back.
            var missing = page.Where(e => e.Data is DisbursementReversed r && documents.Voucher(e.District, r.VoucherNo) is null)
                .Select(e => new DistrictKey(e.District, ((DisbursementReversed)e.Data).VoucherNo)).ToHashSet();
            foreach (var (key, voucher) in await LedgerTables.ReadVouchersAsync(connection, missing, ct)) documents.Earlier(key, voucher);
            foreach (var e in page) LedgerProjection.Apply(documents, e.District, e.Stream, e.Version, e.Data);
            await LedgerTables.CopyVouchersAsync(connection, documents.NewVouchers, ct);
            await LedgerTables.ReplaceVouchersAsync(connection, documents.EarlierVouchers, ct);
            documents.NextPage();
            events += page.Count;
            after = page[^1].Sequence;
        }
        await LedgerTables.CopyLinesAsync(connection, documents.Lines, ct);
        await LedgerTables.CopyYearsAsync(connection, documents.Years, ct);
        await LedgerTables.CommitAsync(connection, ct);
        return events;
    }

    private sealed class Documents : ILedgerDocuments
    {
        private Dictionary<DistrictKey, Disbursement> _earlier = [];
        public Dictionary<DistrictKey, Appropriation> Lines { get; } = [];
        public Dictionary<DistrictKey, FiscalYear> Years { get; } = [];
        public Dictionary<DistrictKey, Disbursement> NewVouchers { get; private set; } = [];
        public IReadOnlyDictionary<DistrictKey, Disbursement> EarlierVouchers => _earlier;

        public void Earlier(DistrictKey key, Disbursement voucher) => _earlier[key] = voucher;

        public void NextPage() => (NewVouchers, _earlier) = ([], []);

        public Appropriation? Line(string district, string stream) => Lines.GetValueOrDefault(new DistrictKey(district, stream));
        public void Store(string district, Appropriation line) => Lines[new DistrictKey(district, line.Id)] = line;
        public void Store(string district, FiscalYear year) => Years[new DistrictKey(district, year.Id)] = year;

        public Disbursement? Voucher(string district, string voucherNo)
        {
            var key = new DistrictKey(district, voucherNo);
            return NewVouchers.GetValueOrDefault(key) ?? _earlier.GetValueOrDefault(key);
        }

        public void Store(string district, Disbursement voucher)
        {
            var key = new DistrictKey(district, voucher.Id);
            if (_earlier.ContainsKey(key)) _earlier[key] = voucher;
            else NewVouchers[key] = voucher;
        }
    }
}
