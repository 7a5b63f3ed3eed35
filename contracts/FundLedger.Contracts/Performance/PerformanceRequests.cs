using System.ComponentModel.DataAnnotations;

namespace FundLedger.Appropriations;

/// <summary>
/// 绩效目标 of a project appropriation: the year's overall goal (年度总体目标) and its indicators. Sent once at
/// enactment or later, and again to revise them until the project is evaluated; each is recorded as an event.
/// </summary>
public sealed record SetPerformanceGoalsRequest
{
    /// <summary>
    /// 1 for the first goals, then one more per revision: the business key, so a retry is answered with the original receipt.
    /// </summary>
    [Required] public int? Revision { get; init; }
    /// <summary>年度总体目标 (预期目标), at most 2,000 characters.</summary>
    [Required] public string? OverallGoal { get; init; }
    /// <summary>
    /// 分值 of the budget execution score (预算执行率), 10 unless the district sets another; the indicators' weights add
    /// up to 100 minus it.
    /// </summary>
    public decimal? ExecutionWeight { get; init; }
    /// <summary>1 to 60 indicators (三级指标).</summary>
    [Required] public IReadOnlyList<PerformanceIndicatorInput>? Indicators { get; init; }
    /// <summary>实施单位, when another unit than the department carries the project out.</summary>
    public string? ImplementingUnit { get; init; }
    /// <summary>项目负责人.</summary>
    public string? Manager { get; init; }
    /// <summary>联系电话 of the manager, as published.</summary>
    public string? Phone { get; init; }
    /// <summary>yyyy-MM-dd on which the goals were approved (from the year before the fiscal year on).</summary>
    [Required] public string? SetOn { get; init; }
    /// <summary>Why the goals are set or revised.</summary>
    [Required] public string? Reason { get; init; }
}

/// <summary>One 绩效指标: its place in the indicator tree, its target (年度指标值) and its weight (分值).</summary>
public sealed record PerformanceIndicatorInput
{
    /// <summary>Unique within the goals; evaluations name indicators by it.</summary>
    [Required] public string? Code { get; init; }
    /// <summary>
    /// 二级指标, which also gives the 一级指标: <c>quantity</c>, <c>quality</c>, <c>timeliness</c>, <c>cost</c> (产出指标);
    /// <c>economic</c>, <c>social</c>, <c>ecological</c>, <c>sustainable</c> (效益指标); <c>satisfaction</c> (满意度指标).
    /// </summary>
    [Required] public string? Category { get; init; }
    /// <summary>三级指标: the indicator's own name.</summary>
    [Required] public string? Name { get; init; }
    /// <summary>年度指标值 as written (57期, 有效提升, ≥90%, 当年12月底完成).</summary>
    [Required] public string? Target { get; init; }
    /// <summary>
    /// <c>positive</c> (more is better), <c>negative</c> (less is better) or <c>qualitative</c> (scored by the evaluator).
    /// </summary>
    [Required] public string? Direction { get; init; }
    /// <summary>A of the scoring rule: the target as a number, required for positive and negative indicators, greater than 0.</summary>
    public decimal? TargetValue { get; init; }
    /// <summary>Unit of <c>targetValue</c> and of the actual value (期, 万, %).</summary>
    public string? Unit { get; init; }
    /// <summary>分值, greater than 0, at most 2 decimals.</summary>
    [Required] public decimal? Weight { get; init; }
}

/// <summary>
/// 绩效自评 (or 部门评价) of a project after its year: what was achieved (B), the score given per indicator and why
/// it fell short. A later evaluation (the next <c>revision</c>) supersedes the earlier one, which stays in the history.
/// </summary>
public sealed record RecordEvaluationRequest
{
    /// <summary>1 for the first evaluation, then one more per re-evaluation.</summary>
    [Required] public int? Revision { get; init; }
    /// <summary><c>department</c> (部门评价) or <c>self</c> (单位自评).</summary>
    [Required] public string? Type { get; init; }
    /// <summary>Who evaluated (the unit or panel).</summary>
    [Required] public string? Evaluator { get; init; }
    /// <summary>yyyy-MM-dd, after the fiscal year unless the year is closed.</summary>
    [Required] public string? EvaluatedOn { get; init; }
    /// <summary>年度总体目标 实际完成情况, at most 4,000 characters.</summary>
    [Required] public string? Completion { get; init; }
    /// <summary>得分 given for budget execution, at most its weight. The rule's score is computed from the ledger next to it.</summary>
    [Required] public decimal? ExecutionScore { get; init; }
    /// <summary>One result per indicator of the goals.</summary>
    [Required] public IReadOnlyList<IndicatorResultInput>? Results { get; init; }
    /// <summary>
    /// 总分 as the evaluator wrote it, when there is one: checked against the scores and flagged if they do not add up to it.
    /// </summary>
    public decimal? Total { get; init; }
    /// <summary>Why the project is evaluated again; required from revision 2 on.</summary>
    public string? Reason { get; init; }
}

/// <summary>The evaluation of one indicator.</summary>
public sealed record IndicatorResultInput
{
    /// <summary>The indicator's <c>code</c> in the goals.</summary>
    [Required] public string? Indicator { get; init; }
    /// <summary>实际完成值 as written.</summary>
    [Required] public string? Actual { get; init; }
    /// <summary>B of the scoring rule, in the indicator's unit: required for positive and negative indicators, at least 0.</summary>
    public decimal? ActualValue { get; init; }
    /// <summary>得分 given, from 0 to the indicator's weight, at most 2 decimals.</summary>
    [Required] public decimal? Score { get; init; }
    /// <summary>偏差原因分析及改进措施.</summary>
    public string? Deviation { get; init; }
}
