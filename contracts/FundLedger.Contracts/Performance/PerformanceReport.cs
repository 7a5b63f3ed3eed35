namespace FundLedger.Appropriations;

/// <summary>
/// 项目支出绩效自评表 of one project appropriation: its money from the ledger, its goals and its latest evaluation, with
/// the scoring rules' results next to the scores as given and a flag wherever they part. Amounts in 元.
/// </summary>
/// <param name="Total">总分: the execution score and the indicator scores as given; null until evaluated.</param>
/// <param name="RuleTotal">The total with the rules' scores wherever a rule applies (execution, positive and negative indicators).</param>
/// <param name="Grade">
/// <c>excellent</c> (优, 90–100), <c>good</c> (良, 80–90), <c>fair</c> (中, 60–80) or <c>poor</c> (差, below 60), from
/// the total.
/// </param>
public sealed record PerformanceSheet(
    int Year,
    string Code,
    string Name,
    string? ProjectCode,
    string DepartmentCode,
    string DepartmentName,
    string ImplementingUnit,
    string? Manager,
    string? Phone,
    PerformanceFunding Funding,
    int GoalsRevision,
    string OverallGoal,
    EvaluationFigures? Evaluation,
    IReadOnlyList<IndicatorFigures> Indicators,
    decimal? Total,
    decimal? RuleTotal,
    string? Grade,
    IReadOnlyList<PerformanceFlag> Flags);

/// <summary>项目资金: 年度资金总额 and its split by where the money came from, as the ledger has it.</summary>
/// <param name="CurrentYear">当年财政拨款.</param>
/// <param name="CarriedOver">上年结转资金.</param>
/// <param name="Other">其他资金.</param>
/// <param name="ExecutionScore">得分 as given by the evaluation.</param>
/// <param name="RuleExecutionScore">The rule's score: weight × 执行率, at most the weight.</param>
public sealed record PerformanceFunding(
    FundingRow Total,
    FundingRow CurrentYear,
    FundingRow CarriedOver,
    FundingRow Other,
    decimal ExecutionWeight,
    decimal? ExecutionScore,
    decimal RuleExecutionScore);

/// <summary>
/// 年初预算数, 全年预算数, 全年执行数 (元) and 执行率 (%); all null for a source the project has no money from.
/// </summary>
public sealed record FundingRow(decimal? Original, decimal? Adjusted, decimal? Executed, decimal? ExecutionRate);

/// <param name="Type"><c>department</c> (部门评价) or <c>self</c> (单位自评).</param>
public sealed record EvaluationFigures(
    int Revision,
    string Type,
    string Evaluator,
    DateOnly EvaluatedOn,
    string Completion,
    decimal? RecordedTotal,
    string? Reason,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>One indicator row of the table: the goal, and once evaluated, the result, the score given and the rule's score.</summary>
/// <param name="Level1"><c>output</c> (产出指标), <c>outcome</c> (效益指标) or <c>satisfaction</c> (满意度指标).</param>
/// <param name="RuleScore">What the rule gives, for positive and negative indicators.</param>
/// <param name="Rule">The rule applied: positive-ratio, negative-ratio, or over-target-10/20/30 (B far above a target set too low).</param>
public sealed record IndicatorFigures(
    string Code,
    string Level1,
    string Category,
    string Name,
    string Target,
    decimal? TargetValue,
    string? Unit,
    string Direction,
    decimal Weight,
    string? Actual,
    decimal? ActualValue,
    decimal? Score,
    decimal? RuleScore,
    string? Rule,
    string? Deviation);

/// <summary>A recorded figure that departs from the seed's rules: kept as given, and named here with both figures.</summary>
/// <param name="Kind"><c>execution-score</c>, <c>indicator-score</c> or <c>total</c>.</param>
public sealed record PerformanceFlag(
    string Kind,
    string? Indicator,
    string Rule,
    decimal Recorded,
    decimal Computed,
    string Message);

/// <summary>
/// 绩效评价情况 of a department for a year: how many of its projects were evaluated, the money they involve (全年预算数),
/// and the count per evaluation type and grade band, with the paragraph of the 决算说明.
/// </summary>
/// <param name="Coverage">评价项目占部门项目总数的比例 (%).</param>
public sealed record PerformanceSummary(
    int Year,
    string Department,
    string DepartmentName,
    string Lang,
    int Projects,
    int Evaluated,
    decimal Coverage,
    decimal Amount,
    IReadOnlyList<EvaluationTypeSummary> ByType,
    IReadOnlyList<ProjectScore> Scores,
    string Paragraph);

public sealed record EvaluationTypeSummary(string Type, int Count, decimal Amount, GradeCounts Grades);

/// <summary>Projects per band: 90（含）-100, 80（含）-90, 60（含）-80, below 60.</summary>
public sealed record GradeCounts(int Excellent, int Good, int Fair, int Poor);

public sealed record ProjectScore(
    string Code, string Name, string Type, decimal Adjusted, decimal ExecutionRate, decimal? ExecutionScore, decimal Total, string Grade,
    int Flags);
