namespace FundLedger.Reporting;

/// <summary>
/// A line against the previous year: <c>new</c>, <c>increase</c>, <c>decrease</c> (also when it is gone) or
/// <c>unchanged</c>.
/// </summary>
public sealed record YearOverYearLine(
    string Key, string Name, string Change, decimal Current, decimal Previous, decimal Difference, decimal DifferenceWanYuan);

/// <summary>财政拨款收、支总计 of the year against the previous one, with the 新增/增加/减少 explanation.</summary>
public sealed record YearOverYearReport(
    int Year, int PreviousYear, decimal Total, decimal PreviousTotal, decimal Change, decimal? ChangePercent,
    decimal TotalWanYuan, decimal PreviousTotalWanYuan, decimal ChangeWanYuan, string Explanation, IReadOnlyList<YearOverYearLine> Lines);
