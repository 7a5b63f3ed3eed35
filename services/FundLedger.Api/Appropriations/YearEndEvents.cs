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

/// <summary>
/// 调整年初结转和结余: the opening balance of a carried-over line restated by <see cref="Change"/> (negative: 收回 of part of
/// the carried money before it was used) on <see cref="EffectiveOn"/>. The line's 年初 becomes the carried amount plus its
/// changes; the carry on the source line is not edited, so 本年年初 = 上年年末 + the year's adjustments.
/// </summary>
public sealed record OpeningBalanceAdjusted(
    string AdjustmentId,
    Money Change,
    string Reason,
    string? Document,
    DateOnly EffectiveOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);

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

/// <summary>
/// 结余分配: what a surplus was distributed to (缴纳所得税, 提取职工福利基金, 转入事业基金, 其他).
/// </summary>
public enum SurplusDistributionKind { IncomeTax, WelfareFund, BusinessFund, Other }

/// <summary>
/// 结余分配: part of a non-fiscal line's unspent money was distributed on <see cref="DistributedOn"/>. It is neither spent nor
/// left: the 收入支出决算总表 prints it between 本年支出合计 and 年末结转和结余, and the line's balance is that much
/// less.
/// </summary>
public sealed record SurplusDistributed(
    string DistributionId,
    Money Amount,
    SurplusDistributionKind Kind,
    string Reason,
    DateOnly DistributedOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);
