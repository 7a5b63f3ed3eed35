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

    /// <summary>
    /// The names the event store records them by (Marten's: the type's name in snake case), as the audit feed shows them.
    /// </summary>
    public static readonly IReadOnlyList<string> Names = All.Select(t => NameOf(t)).ToList();

    public static string NameOf(Type type) =>
        string.Concat(type.Name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
