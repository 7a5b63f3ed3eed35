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
        typeof(PerformanceGoalsSet), typeof(PerformanceEvaluated), typeof(FunctionClassificationLoaded),
    ];

    /// <summary>The names the event store records the ledger's events by, as the audit feed shows them (Marten's own).</summary>
    public static IReadOnlyList<string> NamesIn(Marten.IDocumentStore store) =>
        store.Options.Events.AllKnownEventTypes().Where(t => All.Contains(t.EventType)).Select(t => t.EventTypeName).ToList();
}
