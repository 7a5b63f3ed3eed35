using System.ComponentModel.DataAnnotations;

namespace FundLedger.Appropriations;

/// <summary>预算单位: the budget unit an appropriation belongs to.</summary>
public sealed record DepartmentRef
{
    [Required] public string? Code { get; init; }
    [Required] public string? Name { get; init; }
}

/// <summary>Enact a 预算指标 (budget line). <c>code</c> is unique within the district and fiscal year.</summary>
public sealed record EnactAppropriationRequest
{
    [Required] public string? Code { get; init; }
    [Required] public string? Name { get; init; }
    [Required] public DepartmentRef? Department { get; init; }
    public string? ProjectCode { get; init; }
    /// <summary>
    /// <c>basic</c> (基本支出), <c>project</c> (项目支出), <c>upper-remittance</c> (上缴上级支出), <c>operating</c>
    /// (经营支出) or
    /// <c>affiliated-subsidy</c> (对附属单位补助支出).
    /// </summary>
    [Required] public string? Kind { get; init; }
    /// <summary>7-digit 功能分类 code (类款项), e.g. 2070899.</summary>
    [Required] public string? FunctionClass { get; init; }
    /// <summary>3- or 5-digit 经济分类 code, e.g. 302.</summary>
    public string? EconomicClass { get; init; }
    /// <summary>
    /// <c>general-budget</c>, <c>government-fund</c>, <c>state-capital</c> (the three 财政拨款), <c>upper-subsidy</c> (上级补助),
    /// <c>business</c> (事业), <c>operating</c> (经营), <c>affiliated</c> (附属单位上缴), <c>other</c> (其他),
    /// <c>carried-over</c>, or <c>non-fiscal-surplus</c> (使用非财政拨款结余: paid from the unit's surplus of earlier years).
    /// </summary>
    [Required] public string? FundSource { get; init; }
    /// <summary>年初预算 in 元, ≥ 0.</summary>
    [Required] public MoneyInput? OriginalAmount { get; init; }
    /// <summary><c>hard</c> (default) refuses payments beyond the balance; <c>advisory</c> records and flags them.</summary>
    public string? Control { get; init; }
    public string? Document { get; init; }
    /// <summary>yyyy-MM-dd, in the fiscal year or the year before it.</summary>
    [Required] public string? EnactedOn { get; init; }
    /// <summary>
    /// 年初预算 by 经济分类 款 within the line, as the 部门预算 compiles it (e.g. 30217 and 30231 of a 302 line: the
    /// “三公” 年初预算). Each a 款 of <c>economicClass</c>, once; together at most <c>originalAmount</c>.
    /// </summary>
    public IReadOnlyList<EconomicBudgetInput>? EconomicBudgets { get; init; }
}

/// <summary>Part of a line's 年初预算 on one 经济分类 款.</summary>
public sealed record EconomicBudgetInput
{
    [Required] public string? EconomicClass { get; init; }
    /// <summary>In 元, ≥ 0.</summary>
    [Required] public MoneyInput? Amount { get; init; }
}

/// <summary>
/// 调剂 within a line: budget moved from one 经济分类 款 to another of the line's class, with its reason (the line's total does
/// not change). Identified by <c>shiftId</c>.
/// </summary>
public sealed record ShiftEconomicBudgetRequest
{
    [Required] public string? ShiftId { get; init; }
    [Required] public string? FromClass { get; init; }
    [Required] public string? ToClass { get; init; }
    /// <summary>In 元, more than 0 and at most what <c>fromClass</c> has.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    [Required] public string? Reason { get; init; }
    /// <summary>yyyy-MM-dd, in the fiscal year.</summary>
    [Required] public string? EffectiveOn { get; init; }
}

/// <summary>追加 (supplement) or 调减/收回 (reduction) of an appropriation, identified by <c>adjustmentId</c>.</summary>
public sealed record AdjustAppropriationRequest
{
    [Required] public string? AdjustmentId { get; init; }
    /// <summary><c>supplement</c> or <c>reduction</c>.</summary>
    [Required] public string? Type { get; init; }
    /// <summary>In 元, more than 0.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    [Required] public string? Reason { get; init; }
    /// <summary>
    /// true when <c>reason</c> is a placeholder (the money's reason was not published, e.g. 决算说明未列明): it is kept with the
    /// event and answered in the reasons, flagged, but never printed as a reason in an explanation.
    /// </summary>
    public bool? PlaceholderReason { get; init; }
    public string? Document { get; init; }
    /// <summary>yyyy-MM-dd inside the fiscal year.</summary>
    [Required] public string? EffectiveOn { get; init; }
}

/// <summary>
/// 结余分配 of a non-fiscal line's unspent money, identified by <c>distributionId</c> (unique for the line).
/// </summary>
public sealed record DistributeSurplusRequest
{
    [Required] public string? DistributionId { get; init; }
    /// <summary>
    /// <c>income-tax</c> (缴纳所得税), <c>welfare-fund</c> (提取职工福利基金), <c>business-fund</c> (转入事业基金) or
    /// <c>other</c>.
    /// </summary>
    [Required] public string? Kind { get; init; }
    /// <summary>In 元, more than 0 and at most the line's available balance.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    [Required] public string? Reason { get; init; }
    /// <summary>yyyy-MM-dd, in the fiscal year.</summary>
    [Required] public string? DistributedOn { get; init; }
}

/// <summary>
/// 调整年初结转和结余 of a carried-over (上年结转) line, identified by <c>adjustmentId</c> (unique for the line):
/// its opening balance restated after the carry, e.g. 财政收回 of part of last year's balance before it was used.
/// </summary>
public sealed record AdjustOpeningBalanceRequest
{
    [Required] public string? AdjustmentId { get; init; }
    /// <summary><c>decrease</c> (收回) or <c>increase</c>.</summary>
    [Required] public string? Type { get; init; }
    /// <summary>In 元, more than 0; a decrease at most what the line has left.</summary>
    [Required] public MoneyInput? Amount { get; init; }
    [Required] public string? Reason { get; init; }
    public string? Document { get; init; }
    /// <summary>yyyy-MM-dd, in the fiscal year of the carried-over line.</summary>
    [Required] public string? EffectiveOn { get; init; }
}
