using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.Performance;
using FundLedger.YearEnd;

namespace FundLedger.Ledger;

/// <summary>Every event type the ledger records, registered with Marten so its event store reads them back by name.</summary>
public static class LedgerEvents
{
    public static readonly Type[] All =
    [
        typeof(AppropriationEnacted), typeof(AppropriationSupplemented), typeof(AppropriationReduced),
        typeof(DisbursementRecorded), typeof(DisbursementReversed),
        typeof(AppropriationCarriedOver), typeof(BalanceCarriedForward), typeof(BalanceLapsed), typeof(FiscalYearClosed),
        typeof(PerformanceGoalsSet), typeof(PerformanceEvaluated),
    ];
}
