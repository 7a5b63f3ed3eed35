using FundLedger.Appropriations;
using FundLedger.Disbursements;
using FundLedger.Performance;
using FundLedger.Store;
using FundLedger.YearEnd;

namespace FundLedger.Ledger;

/// <summary>Every event type the ledger records, each recorded by its snake-case name (<see cref="StoreModel.EventNameOf"/>).</summary>
public static class LedgerEvents
{
    public static readonly Type[] All =
    [
        typeof(AppropriationEnacted), typeof(AppropriationSupplemented), typeof(AppropriationReduced),
        typeof(DisbursementRecorded), typeof(DisbursementReversed),
        typeof(AppropriationCarriedOver), typeof(BalanceCarriedForward), typeof(BalanceLapsed), typeof(FiscalYearClosed),
        typeof(PerformanceGoalsSet), typeof(PerformanceEvaluated), typeof(FunctionClassificationLoaded),
    ];

    /// <summary>What the ledger keeps in the store: these events and the documents projected from them.</summary>
    public static readonly StoreModel Model = new(All, LedgerDocuments.All);

    /// <summary>The names the store records the ledger's events by, as the audit feed shows them.</summary>
    public static IReadOnlyList<string> Names => Model.EventNames;
}

/// <summary>
/// The documents the ledger projects from its events, written in the transaction that records them (Ledger/LedgerTables),
/// each in a table of its own.
/// </summary>
public static class LedgerDocuments
{
    /// <summary>An appropriation's state; version is its stream's (the projection lag compares them), year indexed.</summary>
    public const string AppropriationsTable = StoreSchema.Name + ".appropriations";

    public static readonly DocumentTable Appropriations = new(typeof(Appropriation), "appropriations",
        new DocumentColumn("version", "bigint"), new DocumentColumn("year", "int", Indexed: true));

    public static readonly DocumentTable Disbursements = new(typeof(Disbursement), "disbursements");

    public static readonly DocumentTable FiscalYears = new(typeof(FiscalYear), "fiscal_years");

    /// <summary>Every Idempotency-Key claimed, with the answer it replays.</summary>
    public static readonly DocumentTable Claims = new(typeof(IdempotencyRecord), "request_claims");

    public static readonly DocumentTable[] All = [Appropriations, Disbursements, FiscalYears, Claims];
}
