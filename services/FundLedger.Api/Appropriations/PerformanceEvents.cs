namespace FundLedger.Appropriations;

/// <summary>二级指标; the 一级指标 follows from it (<see cref="PerformanceNames.Level1Of"/>).</summary>
public enum IndicatorCategory { Quantity, Quality, Timeliness, Cost, Economic, Social, Ecological, Sustainable, Satisfaction }

/// <summary>How an indicator is scored: B/A (positive), A/B (negative), or by the evaluator (qualitative).</summary>
public enum IndicatorDirection { Positive, Negative, Qualitative }

/// <summary>部门评价 (by the department, with a panel and a report) or 单位自评 (by the unit itself).</summary>
public enum EvaluationType { Department, Self }

/// <summary>One 绩效指标 of a project's goals.</summary>
public sealed record PerformanceIndicator(
    string Code, IndicatorCategory Category, string Name, string Target, IndicatorDirection Direction, decimal? TargetValue, string? Unit,
    decimal Weight);

/// <summary>The evaluation of one indicator: 实际完成值 (B), 得分 as given, 偏差原因分析及改进措施.</summary>
public sealed record IndicatorResult(string Indicator, string Actual, decimal? ActualValue, decimal Score, string? Deviation);

/// <summary>绩效目标 were set (revision 1) or revised for a project appropriation, by whom and why.</summary>
public sealed record PerformanceGoalsSet(
    int Revision,
    string OverallGoal,
    decimal ExecutionWeight,
    IReadOnlyList<PerformanceIndicator> Indicators,
    string? ImplementingUnit,
    string? Manager,
    string? Phone,
    DateOnly SetOn,
    string Reason,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);

/// <summary>
/// A project was evaluated against its goals (绩效自评 or 部门评价); a later revision supersedes it and both stay in the
/// stream. The scores are kept as the evaluator gave them; the rules' scores are computed when read.
/// </summary>
public sealed record PerformanceEvaluated(
    int Revision,
    int GoalsRevision,
    EvaluationType Type,
    string Evaluator,
    DateOnly EvaluatedOn,
    string Completion,
    decimal ExecutionScore,
    IReadOnlyList<IndicatorResult> Results,
    decimal? RecordedTotal,
    string? Reason,
    string RecordedBy,
    string ClientId,
    DateTimeOffset RecordedAt);
