using System.Text.Json.Serialization;

namespace FundLedger.Appropriations;

/// <summary>One appropriation as dashboards read it: its classification and its execution figures (元).</summary>
public sealed record AppropriationFigures(
    string Code,
    int Year,
    string Name,
    Department Department,
    string? ProjectCode,
    string Kind,
    string FunctionClass,
    string? EconomicClass,
    string FundSource,
    string Control,
    string? Document,
    DateOnly EnactedOn,
    decimal Original,
    decimal Supplements,
    decimal Reductions,
    decimal Adjusted,
    decimal Disbursed,
    decimal Reversed,
    decimal Executed,
    QuarterFigures Quarters,
    decimal Carried,
    decimal Lapsed,
    decimal Available,
    decimal ExecutionRate,
    bool OverBudget,
    bool Closed,
    IReadOnlyList<CarryLinkFigures> CarriedTo,
    CarryLinkFigures? CarriedFrom,
    long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<EconomicExecution>? ExecutedByEconomicClass = null)
{
    /// <summary>结余分配 out of the line's unspent money, in 元; absent while nothing was distributed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Distributed { get; init; }

    /// <summary>
    /// 调整年初结转和结余 of a carried-over line in 元 (negative: recovered), already in <c>original</c>; absent while zero.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? OpeningAdjustment { get; init; }

    /// <summary>The line's budget by 经济分类 款: 年初 and now (after 调剂); absent for a line enacted without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EconomicBudgetFigures>? EconomicBudgets { get; init; }
}

/// <summary>
/// Net execution of a line under one 经济分类 code: its own class, and each 款 its payments named. Present only when a payment
/// named a class other than the line's own.
/// </summary>
public sealed record EconomicExecution(string? EconomicClass, decimal Executed);

/// <summary>A carry-forward (结转) link: the other year's appropriation, the amount and its kind.</summary>
public sealed record CarryLinkFigures(int Year, string Code, decimal Amount, string Kind);

/// <summary>Net execution per quarter of the payment (a reversal counts in the quarter it was made).</summary>
public sealed record QuarterFigures(decimal Q1, decimal Q2, decimal Q3, decimal Q4);

/// <param name="Count">Appropriations in this answer.</param>
/// <param name="Total">Appropriations matching the filter, in every page.</param>
/// <param name="Offset">How many matching appropriations come before this page.</param>
public sealed record AppropriationList(int Year, int Count, IReadOnlyList<AppropriationFigures> Items, int Total, int Offset);

/// <summary>预算单位 as answered.</summary>
public sealed record Department(string Code, string Name);

/// <summary>A line's budget on one 经济分类 款: as enacted (年初) and after the 调剂 since, in 元.</summary>
public sealed record EconomicBudgetFigures(string EconomicClass, decimal Original, decimal Current);
