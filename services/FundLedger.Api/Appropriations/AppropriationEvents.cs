using System.Text.Json.Serialization;
namespace FundLedger.Appropriations;

/// <summary>预算指标下达: an appropriation was enacted with its original (年初) amount.</summary>
public sealed record AppropriationEnacted(
    string Code,
    int Year,
    string Name,
    string DepartmentCode,
    string DepartmentName,
    string? ProjectCode,
    AppropriationKind Kind,
    string FunctionClass,
    string? EconomicClass,
    FundSource FundSource,
    Money OriginalAmount,
    BudgetControl Control,
    string? Document,
    DateOnly EnactedOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<EconomicBudget>? EconomicBudgets = null);

/// <summary>Part of a line's 年初预算 on one 经济分类 款.</summary>
public sealed record EconomicBudget(string EconomicClass, Money Amount);

/// <summary>
/// 调剂 within a line: <see cref="Amount"/> of its budget moved from one 经济分类 款 to another, for <see cref="Reason"/>; the
/// line's total is unchanged.
/// </summary>
public sealed record EconomicBudgetShifted(
    string ShiftId,
    string FromClass,
    string ToClass,
    Money Amount,
    string Reason,
    DateOnly EffectiveOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);

/// <summary>追加: the appropriation was increased during the year. <c>Placeholder</c>: its reason is not a published one.</summary>
public sealed record AppropriationSupplemented(
    string AdjustmentId,
    Money Amount,
    string Reason,
    string? Document,
    DateOnly EffectiveOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Placeholder = null);

/// <summary>
/// 调减 / 收回: the appropriation was reduced during the year. <c>Placeholder</c>: its reason is not a published one.
/// </summary>
public sealed record AppropriationReduced(
    string AdjustmentId,
    Money Amount,
    string Reason,
    string? Document,
    DateOnly EffectiveOn,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Placeholder = null);
