namespace FundLedger.Reporting;

/// <summary>
/// One reason behind a variance: its signed effect on the final figure and the events (sequence numbers) behind it.
/// <c>placeholder</c> (only when true): the recorded reason is not a published one, so no explanation names it.
/// </summary>
public sealed record VarianceReasonFigures(
    string Kind, string Label, decimal Amount, decimal AmountWanYuan, IReadOnlyList<long> Sequences,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool Placeholder = false);

/// <summary>
/// One classification node: final (决算, executed) against original (年初预算), in 元 and 万元, with the explanation.
/// <c>changePercent</c> is null when the line was not in the original budget.
/// </summary>
public sealed record VarianceNode(
    string Code, string? Name, int Appropriations,
    decimal Original, decimal Final, decimal Change, decimal? ChangePercent,
    decimal OriginalWanYuan, decimal FinalWanYuan, decimal ChangeWanYuan,
    string Explanation, IReadOnlyList<VarianceReasonFigures> Reasons, bool UnknownCode = false);

public sealed record VarianceReport(int Year, string Level, string FundSource, string Lang, IReadOnlyList<VarianceNode> Nodes);
