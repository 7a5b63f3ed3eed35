namespace FundLedger.Reporting;

/// <summary>A figure a rule read: its table, row (code or name), column and value (万元, or a rate in percent).</summary>
public sealed record CheckedFigure(string Table, string Row, string Column, decimal Value);

/// <summary>
/// One 审核 rule run on a set of tables: its id, what it asserts, its severity (<c>definite</c> 确定, <c>suspect</c> 疑似,
/// <c>hint</c> 提示), whether it held, why, and the figures it read. A rule whose figures the set does not carry is left out.
/// </summary>
public sealed record CheckResult(
    string Id, string Description, string Severity, string SeverityName, bool Passed, string Detail, IReadOnlyList<CheckedFigure> Figures);

/// <summary>A published figure that is not the ledger's: where, what was published, what the events give.</summary>
public sealed record FigureDifference(string Table, string Row, string Column, decimal Published, decimal Ledger);

/// <summary>
/// The 审核 of a unit-year's tables: every rule's result, and for a published set the figures that differ from the ledger's.
/// <c>passed</c> is true when no definite rule failed and no figure differs.
/// </summary>
public sealed record FinalAccountsCheckReport(
    int Year, string Department, string Source, bool Passed, IReadOnlyList<CheckResult> Rules, IReadOnlyList<FigureDifference> Differences,
    DateTimeOffset? AsOf);
