namespace FundLedger.Reporting;

/// <summary>A figure of a table: exact in 元, and in 万元 as published (2 decimals).</summary>
public sealed record TableCell(decimal Yuan, decimal Wan);

/// <summary>
/// A column of a table. <c>side</c> is <c>income</c> or <c>expenditure</c> in the two-sided 总表 (收入 on the left, 支出 on the
/// right), null in the others.
/// </summary>
public sealed record TableColumn(string Key, string Name, string? Side = null);

/// <summary>
/// A row: its code (功能分类 类款项 or 经济分类, null for a named row such as 合计), its name, its level (0 a total, 1 类,
/// 2 款, 3 项), its side in a two-sided table, and its figures by column key (a blank cell has no entry).
/// </summary>
public sealed record TableRow(string? Code, string Name, int Level, IReadOnlyDictionary<string, TableCell> Cells, string? Side = null);

/// <summary>
/// One of the nine standard tables in the published layout: its number (表一 … 表九 as 1 … 9), title, unit, columns and
/// rows; an empty table keeps its columns and carries its 空表说明.
/// </summary>
public sealed record FinalAccountsTable(
    int Number, string Key, string Title, string Unit, IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows,
    string? EmptyNote);

/// <summary>
/// The 部门决算 tables of a unit and year (<c>GET …/years/{year}/final-accounts?department=</c>), generated from the events:
/// the nine standard tables under their keys.
/// </summary>
public sealed record FinalAccounts(
    int Year, string Department, string DepartmentName, FinalAccountsTable IncomeExpenditureSummary, FinalAccountsTable Income,
    FinalAccountsTable Expenditure, FinalAccountsTable AppropriationSummary, FinalAccountsTable GeneralBudgetExpenditure,
    FinalAccountsTable GeneralBudgetBasicExpenditure, FinalAccountsTable ThreePublicExpenses, FinalAccountsTable GovernmentFund,
    FinalAccountsTable StateCapital, DateTimeOffset? AsOf)
{
    /// <summary>
    /// The nine under their contract keys, in their published order (表一 … 表九); a published set sent to the checks may
    /// leave some out (null).
    /// </summary>
    public IEnumerable<(string Key, FinalAccountsTable? Table)> Named() =>
    [
        ("incomeExpenditureSummary", IncomeExpenditureSummary), ("income", Income), ("expenditure", Expenditure),
        ("appropriationSummary", AppropriationSummary), ("generalBudgetExpenditure", GeneralBudgetExpenditure),
        ("generalBudgetBasicExpenditure", GeneralBudgetBasicExpenditure), ("threePublicExpenses", ThreePublicExpenses),
        ("governmentFund", GovernmentFund), ("stateCapital", StateCapital),
    ];

    /// <summary>The nine in their published order, as the service builds them (all present).</summary>
    public IEnumerable<FinalAccountsTable> Tables() => Named().Select(t => t.Table!);
}
