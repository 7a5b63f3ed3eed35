namespace FundLedger.Appropriations;

/// <summary>结转 kind: 财政应返还额度 (the treasury keeps the quota for the unit) or money the unit retains.</summary>
public enum CarryForwardKind { TreasuryReturnable, UnitRetained }

/// <summary>
/// 结转: unspent money of this appropriation was carried into the next year's <see cref="TargetCode"/> on the business date
/// <see cref="CarriedOn"/> (absent from carry-forwards recorded before it was kept).
/// </summary>
public sealed record BalanceCarriedForward(
    Money Amount,
    CarryForwardKind Kind,
    string Reason,
    int TargetYear,
    string TargetCode,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    DateOnly? CarriedOn = null);

/// <summary>
/// 上年结转: the first event of an appropriation created by a carry-forward; its budget is the carried amount, it points back
/// to the appropriation it came from, and it is dated by the carry's business date (<see cref="CarriedOn"/>).
/// </summary>
public sealed record AppropriationCarriedOver(
    string Code,
    int Year,
    string Name,
    string DepartmentCode,
    string DepartmentName,
    string? ProjectCode,
    AppropriationKind Kind,
    string FunctionClass,
    string? EconomicClass,
    Money Amount,
    CarryForwardKind CarryKind,
    int SourceYear,
    string SourceCode,
    FundSource SourceFundSource,
    string Reason,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    DateOnly? CarriedOn = null);

/// <summary>结余收回: at year close the unspent, uncarried balance lapsed; the appropriation takes no more money events.</summary>
public sealed record BalanceLapsed(
    Money Amount,
    int Year,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);

/// <summary>The fiscal year was closed for the district: every appropriation's balance lapsed or was carried.</summary>
public sealed record FiscalYearClosed(
    int Year,
    int Appropriations,
    Money Lapsed,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);
