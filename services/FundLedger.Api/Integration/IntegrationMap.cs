using FundLedger.Appropriations;
using FundLedger.Departments;
using FundLedger.Procurement;
using T = FundLedger.Integration.IntegrationTopology;

namespace FundLedger.Integration;

/// <summary>A committed event as published: its CloudEvents type and its v1 record.</summary>
public sealed record IntegrationEvent(string Type, object Data);

/// <summary>
/// The one place the ledger's internal events become the published language (contracts/…/Integration). Pure: the relay
/// calls it for every event it reads. Every internal event type is either mapped or named in <see cref="NotPublished"/>, so
/// a new event type is a decision (Integration/IntegrationMapTests fails until it is made).
/// </summary>
public static class IntegrationMap
{
    /// <summary>Internal events no downstream system needs: reference data and descriptive facts, not money.</summary>
    public static readonly IReadOnlySet<Type> NotPublished = new HashSet<Type>
    {
        typeof(FunctionClassificationLoaded), typeof(PerformanceGoalsSet), typeof(DepartmentProfileRecorded),
    };

    /// <summary>The published form of a district's event on a stream, or null for one that is not published.</summary>
    public static IntegrationEvent? Map(string district, string stream, object data)
    {
        var (year, code) = Line(stream);
        return data switch
        {
            AppropriationEnacted e => new(T.AppropriationEnacted, new AppropriationEnactedV1(district, e.Year, e.Code, e.Name,
                e.DepartmentCode, e.DepartmentName, e.ProjectCode, e.Kind.ToString(), e.FunctionClass, e.EconomicClass,
                e.FundSource.ToString(), e.OriginalAmount, e.EnactedOn, e.Document, e.RecordedBy, e.ClientId, e.RecordedAt)),
            AppropriationSupplemented e => new(T.AppropriationAdjusted, new AppropriationAdjustedV1(district, year, code,
                e.AdjustmentId, "Supplement", e.Amount, e.Amount, e.Reason, e.Document, e.EffectiveOn, e.RecordedBy, e.ClientId,
                e.RecordedAt)),
            AppropriationReduced e => new(T.AppropriationAdjusted, new AppropriationAdjustedV1(district, year, code,
                e.AdjustmentId, "Reduction", e.Amount, -e.Amount, e.Reason, e.Document, e.EffectiveOn, e.RecordedBy, e.ClientId,
                e.RecordedAt)),
            AppropriationCarriedOver e => new(T.AppropriationCarriedOver, new AppropriationCarriedOverV1(district, e.Year, e.Code,
                e.Name, e.DepartmentCode, e.DepartmentName, e.ProjectCode, e.Kind.ToString(), e.FunctionClass, e.EconomicClass,
                e.Amount, e.CarryKind.ToString(), e.SourceYear, e.SourceCode, e.Reason, e.CarriedOn, e.RecordedBy, e.ClientId,
                e.RecordedAt)),
            OpeningBalanceAdjusted e => new(T.OpeningBalanceAdjusted, new OpeningBalanceAdjustedV1(district, year, code,
                e.AdjustmentId, e.Change, e.Reason, e.Document, e.EffectiveOn, e.RecordedBy, e.ClientId, e.RecordedAt)),
            EconomicBudgetShifted e => new(T.EconomicBudgetShifted, new EconomicBudgetShiftedV1(district, year, code, e.ShiftId,
                e.FromClass, e.ToClass, e.Amount, e.Reason, e.EffectiveOn, e.RecordedBy, e.ClientId, e.RecordedAt)),
            DisbursementRecorded e => new(T.DisbursementRecorded, new DisbursementRecordedV1(district, e.Year, e.AppropriationCode,
                e.VoucherNo, e.Amount, e.PaidOn, e.EconomicClass, e.Payee, e.ContractNo, e.OverBudget, e.RecordedBy, e.ClientId,
                e.RecordedAt)),
            DisbursementReversed e => new(T.DisbursementReversed, new DisbursementReversedV1(district, year, code, e.VoucherNo,
                e.ReversalId, e.Amount, e.Reason, e.ReversedOn, e.EconomicClass, e.ContractNo, e.RecordedBy, e.ClientId,
                e.RecordedAt)),
            BalanceCarriedForward e => new(T.BalanceCarriedForward, new BalanceCarriedForwardV1(district, year, code, e.Amount,
                e.Kind.ToString(), e.TargetYear, e.TargetCode, e.Reason, e.CarriedOn, e.RecordedBy, e.ClientId, e.RecordedAt)),
            BalanceLapsed e => new(T.BalanceLapsed,
                new BalanceLapsedV1(district, e.Year, code, e.Amount, e.RecordedBy, e.ClientId, e.RecordedAt)),
            SurplusDistributed e => new(T.SurplusDistributed, new SurplusDistributedV1(district, year, code, e.DistributionId,
                e.Amount, e.Kind.ToString(), e.Reason, e.DistributedOn, e.RecordedBy, e.ClientId, e.RecordedAt)),
            FiscalYearClosed e => new(T.FiscalYearClosed,
                new FiscalYearClosedV1(district, e.Year, e.Appropriations, e.Lapsed, e.RecordedBy, e.ClientId, e.RecordedAt)),
            PerformanceEvaluated e => new(T.PerformanceEvaluated, new PerformanceEvaluatedV1(district, year, code, e.Revision,
                e.GoalsRevision, e.Type.ToString(), e.Evaluator, e.EvaluatedOn, e.ExecutionScore, e.RecordedTotal, e.RecordedBy,
                e.ClientId, e.RecordedAt)),
            ProcurementContractSigned e => new(T.ProcurementContractSigned, new ProcurementContractSignedV1(district, e.Year,
                e.ContractNo, e.DepartmentCode, e.Category.ToString(), e.SupplierName, e.SupplierSize.ToString(), e.Amount,
                e.SignedOn, e.RecordedBy, e.ClientId, e.RecordedAt)),
            _ when NotPublished.Contains(data.GetType()) => null,
            _ => throw new InvalidOperationException($"{data.GetType().Name} is neither published nor named as not published"),
        };
    }

    /// <summary>The year and appropriation code of a line's stream (<c>2020/P01</c>); other streams name neither.</summary>
    private static (int Year, string Code) Line(string stream)
    {
        var slash = stream.IndexOf('/');
        return slash > 0 && int.TryParse(stream.AsSpan(0, slash), out var year) ? (year, stream[(slash + 1)..]) : (0, "");
    }
}
