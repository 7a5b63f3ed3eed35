using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.YearEnd;

namespace FundLedger.Ledger;

/// <summary>The documents the ledger keeps from its events, wherever they are held (a group's state, a rebuild).</summary>
public interface ILedgerDocuments
{
    Appropriation? Line(string district, string stream);
    void Store(string district, Appropriation line);
    Disbursement? Voucher(string district, string voucherNo);
    void Store(string district, Disbursement voucher);
    void Store(string district, FiscalYear year);
}

/// <summary>
/// The ledger's projection: which documents an event changes, each through its own fold. The write pipeline applies
/// it to every event it appends (so figures change in the transaction that records them) and the rebuild to every
/// recorded event; nothing else computes a document.
/// </summary>
public static class LedgerProjection
{
    public static void Apply(ILedgerDocuments documents, string district, string stream, long version, object e)
    {
        switch (e)
        {
            case FiscalYearClosed closed:
                documents.Store(district, FiscalYear.Fold(closed));
                return;
            case DisbursementRecorded:
                documents.Store(district, Disbursement.Fold(null, e));
                break;
            case DisbursementReversed { VoucherNo: var voucher }:
                documents.Store(district, Disbursement.Fold(documents.Voucher(district, voucher), e));
                break;
        }
        if (Appropriation.Fold(documents.Line(district, stream), e, version) is { } line) documents.Store(district, line);
    }
}
