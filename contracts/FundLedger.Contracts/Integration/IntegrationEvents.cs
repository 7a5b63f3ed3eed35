namespace FundLedger.Integration;

// The published language: what downstream systems (预算执行动态监控, the city's roll-up, a warehouse) receive for each
// committed event, as the data of a CloudEvent. These records are separate from the ledger's internal events and are
// mapped from them in one place (services/FundLedger.Api/Integration/IntegrationMap.cs). A published record never
// changes shape: a change is a new record with a new version (…V2) and a new type, published beside the old one.
// Money is a JSON number in 元 at scale 2; kinds are the member names given in each record's comment.
// Every record names the district, the fiscal year, who recorded it (token subject and client system) and when.

/// <summary><c>org.fundledger.appropriation.enacted.v1</c>: 预算指标下达, a line enacted with its 年初预算.</summary>
/// <param name="Kind">Basic, Project, UpperRemittance, Operating or AffiliatedSubsidy.</param>
/// <param name="FundSource">The internal fund source's member name (e.g. GeneralBudget).</param>
public sealed record AppropriationEnactedV1(
    string District, int Year, string Appropriation, string Name, string DepartmentCode, string DepartmentName,
    string? ProjectCode, string Kind, string FunctionClass, string? EconomicClass, string FundSource, Money OriginalAmount,
    DateOnly EnactedOn, string? Document, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.appropriation.adjusted.v1</c>: 追加 (Direction Supplement) or 调减 (Direction Reduction).</summary>
/// <param name="Amount">Always positive; <paramref name="Change"/> is the signed effect on the adjusted budget.</param>
public sealed record AppropriationAdjustedV1(
    string District, int Year, string Appropriation, string AdjustmentId, string Direction, Money Amount, Money Change,
    string Reason, string? Document, DateOnly EffectiveOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.appropriation.carried-over.v1</c>: 上年结转, a line of this year opened by a carry-forward.</summary>
/// <param name="CarryKind">TreasuryReturnable (财政应返还额度) or UnitRetained.</param>
public sealed record AppropriationCarriedOverV1(
    string District, int Year, string Appropriation, string Name, string DepartmentCode, string DepartmentName,
    string? ProjectCode, string Kind, string FunctionClass, string? EconomicClass, Money Amount, string CarryKind,
    int SourceYear, string SourceAppropriation, string Reason, DateOnly? CarriedOn, string RecordedBy, string ClientId,
    DateTimeOffset RecordedAt);

/// <summary>
/// <c>org.fundledger.opening-balance.adjusted.v1</c>: 调整年初结转和结余 of a carried-over line; its 年初 (original) changes by
/// <paramref name="Change"/> (negative: recovered).
/// </summary>
public sealed record OpeningBalanceAdjustedV1(
    string District, int Year, string Appropriation, string AdjustmentId, Money Change, string Reason, string? Document,
    DateOnly EffectiveOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.economic-budget.shifted.v1</c>: 调剂 between 经济分类 款; the line total is unchanged.</summary>
public sealed record EconomicBudgetShiftedV1(
    string District, int Year, string Appropriation, string ShiftId, string FromClass, string ToClass, Money Amount,
    string Reason, DateOnly EffectiveOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.disbursement.recorded.v1</c>: 国库支付 under a voucher number.</summary>
public sealed record DisbursementRecordedV1(
    string District, int Year, string Appropriation, string VoucherNo, Money Amount, DateOnly PaidOn, string? EconomicClass,
    string? Payee, string? ContractNo, bool OverBudget, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.disbursement.reversed.v1</c>: 冲销 / 退款 of part or all of a disbursement.</summary>
public sealed record DisbursementReversedV1(
    string District, int Year, string Appropriation, string VoucherNo, string? ReversalId, Money Amount, string Reason,
    DateOnly ReversedOn, string? EconomicClass, string? ContractNo, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.balance.carried-forward.v1</c>: 结转 of unspent money into next year's line.</summary>
/// <param name="Kind">TreasuryReturnable (财政应返还额度) or UnitRetained.</param>
public sealed record BalanceCarriedForwardV1(
    string District, int Year, string Appropriation, Money Amount, string Kind, int TargetYear, string TargetAppropriation,
    string Reason, DateOnly? CarriedOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.balance.lapsed.v1</c>: 结余收回 at year close; the line takes no more money events.</summary>
public sealed record BalanceLapsedV1(
    string District, int Year, string Appropriation, Money Amount, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.surplus.distributed.v1</c>: 结余分配 of a non-fiscal line's unspent money.</summary>
/// <param name="Kind">IncomeTax, WelfareFund, BusinessFund or Other.</param>
public sealed record SurplusDistributedV1(
    string District, int Year, string Appropriation, string DistributionId, Money Amount, string Kind, string Reason,
    DateOnly DistributedOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.fiscal-year.closed.v1</c>: the district's year closed; every balance lapsed or was carried.</summary>
public sealed record FiscalYearClosedV1(
    string District, int Year, int Appropriations, Money Lapsed, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.performance.evaluated.v1</c>: a project's 绩效自评 or 部门评价 (Type Self or Department).</summary>
public sealed record PerformanceEvaluatedV1(
    string District, int Year, string Appropriation, int Revision, int GoalsRevision, string Type, string Evaluator,
    DateOnly EvaluatedOn, decimal ExecutionScore, decimal? RecordedTotal, string RecordedBy, string ClientId,
    DateTimeOffset RecordedAt);

/// <summary><c>org.fundledger.procurement-contract.signed.v1</c>: 政府采购合同签订 (Category Goods, Works or Services).</summary>
/// <param name="SupplierSize">Large, Medium, Small or Micro (企业划型).</param>
public sealed record ProcurementContractSignedV1(
    string District, int Year, string ContractNo, string DepartmentCode, string Category, string SupplierName,
    string SupplierSize, Money Amount, DateOnly SignedOn, string RecordedBy, string ClientId, DateTimeOffset RecordedAt);
