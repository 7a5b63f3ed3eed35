namespace FundLedger.Reporting;

/// <summary>
/// Execution figures of one group (or of the whole year, for the totals row), all in 元. By a function classification,
/// <c>name</c> is the code's name in the year's code list, and <c>unknownCode</c> is true (and <c>name</c> null) for a code
/// the list does not have.
/// </summary>
public sealed record ExecutionRow(
    string Key,
    string? Name,
    int Appropriations,
    decimal Original,
    decimal Supplements,
    decimal Reductions,
    decimal Adjusted,
    decimal Disbursed,
    decimal Reversed,
    decimal Executed,
    decimal Carried,
    decimal Lapsed,
    decimal Available,
    decimal ExecutionRate,
    bool UnknownCode = false);

/// <summary>
/// <c>GET /years/{year}/execution?by=</c>. Rows foot exactly to the totals. For <c>by=quarter</c> each row is
/// the net execution of that quarter and its rate is that quarter's share of the whole year's adjusted budget.
/// </summary>
public sealed record ExecutionReport(int Year, string By, IReadOnlyList<ExecutionRow> Rows, ExecutionRow Totals);
