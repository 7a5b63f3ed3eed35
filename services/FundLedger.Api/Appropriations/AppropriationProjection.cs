using FundLedger.Departments;
using FundLedger.Ledger;
using FundLedger.Procurement;
using FundLedger.Telemetry;

namespace FundLedger.Appropriations;

/// <summary>
/// Which documents an event of the ledger changes, each through its own fold (<see cref="Appropriation.Fold"/>,
/// <see cref="Disbursement.Fold"/>, <see cref="FiscalYear.Fold"/>, <see cref="ProcurementContract.Fold"/>): the group commit
/// applies it to every event it appends,
/// the rebuild to every recorded one.
/// </summary>
public sealed class AppropriationProjection : ILedgerProjection
{
    public void Apply(ILedgerDocuments documents, string district, string stream, long version, object e)
    {
        switch (e)
        {
            case FiscalYearClosed closed:
                Put(documents, district, FiscalYear.Fold(closed));
                return;
            case DepartmentProfileRecorded profile:
                var unit = DepartmentProfile.Fold(profile);
                documents.Put(district, unit.Id, unit);
                return;
            case ProcurementContractSigned signed:
                PutContract(documents, district, ProcurementContract.KeyFor(signed.Year, signed.ContractNo), e);
                return;
            case DisbursementRecorded paid:
                Put(documents, district, Disbursement.Fold(null, e));
                if (paid.ContractNo is { } contract) PutContract(documents, district, ProcurementContract.KeyFor(paid.Year, contract), e);
                break;
            case DisbursementReversed { VoucherNo: var voucher } reversal:
                var reversed = Disbursement.Fold(documents.Get<Disbursement>(district, voucher), e);
                Put(documents, district, reversed);
                if (reversal.ContractNo is { } paidUnder)
                    PutContract(documents, district, ProcurementContract.KeyFor(reversed.Year, paidUnder), e);
                break;
        }
        if (Appropriation.Fold(documents.Get<Appropriation>(district, stream), e, version) is { } line)
            documents.Put(district, line.Id, line);
    }

    public IEnumerable<DocumentKey> Reads(string district, string stream, object e) => e is DisbursementReversed { VoucherNo: var voucher }
        ? [new DocumentKey(typeof(Disbursement), new DistrictKey(district, voucher))]
        : [];

    public void Committed(PendingEvent e)
    {
        if (e.Data is not DisbursementRecorded recorded) return;
        var kind = new KeyValuePair<string, object?>("fundledger.over_budget", recorded.OverBudget);
        LedgerTelemetry.DisbursementsRecorded.Add(1, kind);
        LedgerTelemetry.DisbursedAmount.Add((double)recorded.Amount.Yuan, kind);
    }

    private static void Put(ILedgerDocuments documents, string district, Disbursement voucher) =>
        documents.Put(district, voucher.Id, voucher);

    /// <summary>A contract's document after the event: its signing, or a payment or reversal naming it.</summary>
    private static void PutContract(ILedgerDocuments documents, string district, string id, object e)
    {
        if (ProcurementContract.Fold(documents.Get<ProcurementContract>(district, id), e) is { } contract)
            documents.Put(district, id, contract);
    }

    private static void Put(ILedgerDocuments documents, string district, FiscalYear year) => documents.Put(district, year.Id, year);
}
