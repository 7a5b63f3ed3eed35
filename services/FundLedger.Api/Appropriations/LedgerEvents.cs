using FundLedger.Departments;
using FundLedger.Ledger;
using FundLedger.Procurement;
using FundLedger.Store;

namespace FundLedger.Appropriations;

/// <summary>Every event type the ledger records, each recorded by its snake-case name (<see cref="StoreModel.EventNameOf"/>).</summary>
public static class LedgerEvents
{
    public static readonly Type[] All =
    [
        typeof(AppropriationEnacted), typeof(AppropriationSupplemented), typeof(AppropriationReduced),
        typeof(DisbursementRecorded), typeof(DisbursementReversed),
        typeof(AppropriationCarriedOver), typeof(BalanceCarriedForward), typeof(BalanceLapsed), typeof(FiscalYearClosed),
        typeof(PerformanceGoalsSet), typeof(PerformanceEvaluated), typeof(FunctionClassificationLoaded),
        typeof(DepartmentProfileRecorded), typeof(ProcurementContractSigned), typeof(SurplusDistributed),
        typeof(EconomicBudgetShifted), typeof(OpeningBalanceAdjusted),
    ];

    /// <summary>What the ledger keeps in the store: these events and the documents projected from them.</summary>
    public static readonly StoreModel Model = new(All, LedgerDocuments.All);

    /// <summary>The names the store records the ledger's events by, as the audit feed shows them.</summary>
    public static IReadOnlyList<string> Names => Model.EventNames;
}

/// <summary>
/// The documents the ledger projects from its events (<see cref="AppropriationProjection"/>), written in the transaction
/// that records them (Ledger/LedgerTables), each in a table of its own, and the store's claims.
/// </summary>
public static class LedgerDocuments
{
    /// <summary>An appropriation's state; version is its stream's (the projection lag compares them), year indexed.</summary>
    public const string AppropriationsTable = StoreSchema.Name + ".appropriations";

    public static readonly DocumentTable Appropriations = new(typeof(Appropriation), "appropriations",
        DocumentColumn.Of<Appropriation, long>("version", "bigint", a => a.Version),
        DocumentColumn.Of<Appropriation, int>("year", "int", a => a.Year, indexed: true))
    { MirrorsStream = "appropriation" };

    /// <summary>Vouchers: many a stream, so a rebuild writes them a page at a time.</summary>
    public static readonly DocumentTable Disbursements = new(typeof(Disbursement), "disbursements") { Paged = true };

    public static readonly DocumentTable FiscalYears = new(typeof(FiscalYear), "fiscal_years");

    /// <summary>Each unit's current facts per year (the latest revision of its profile stream).</summary>
    public static readonly DocumentTable DepartmentProfiles = new(typeof(DepartmentProfile), "department_profiles");

    /// <summary>Every Idempotency-Key claimed, with the answer it replays (the write side's own table).</summary>
    public static readonly DocumentTable Claims = LedgerTables.ClaimsTable;

    /// <summary>政府采购 contracts and what was paid under each, year indexed (the year's procurement reads them).</summary>
    public static readonly DocumentTable ProcurementContracts = new(typeof(ProcurementContract), "procurement_contracts",
        DocumentColumn.Of<ProcurementContract, int>("year", "int", c => c.Year, indexed: true));

    public static readonly DocumentTable[] All =
        [Appropriations, Disbursements, FiscalYears, DepartmentProfiles, ProcurementContracts, Claims];
}
