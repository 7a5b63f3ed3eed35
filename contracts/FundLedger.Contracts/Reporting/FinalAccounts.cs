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

    /// <summary>
    /// Not one of the nine: 年初结转和结余, 本年收入, 使用非财政拨款结余, 本年支出, 结余分配 and
    /// 年末结转和结余 by where the money came from (the three 财政拨款, 上级补助, 事业, 经营, 附属单位上缴,
    /// 其他, and the surplus of earlier years used), each column footing to 表一's figure. Null in a published set that leaves it out.
    /// </summary>
    public FinalAccountsTable? BalancesByFund { get; init; }

    /// <summary>
    /// The figures the 决算说明 states about these tables, which the 审核 rules S-01 … S-12 hold to them. Null in a
    /// published set that sends no 说明.
    /// </summary>
    public ExplanationFigures? Explanation { get; init; }

    /// <summary>The nine in their published order, as the service builds them (all present).</summary>
    public IEnumerable<FinalAccountsTable> Tables() => Named().Select(t => t.Table!);
}

/// <summary>
/// What a 决算说明 states, in 万元 as printed: 二 (收支总计, 本年收入合计, 本年支出合计, 基本支出,
/// 项目支出), 四 (一般公共预算财政拨款支出, and by 功能分类 类 code), 七 (基本支出, 人员经费, 公用经费)
/// and 第三部分 一 (“三公”经费 决算 and 年初预算). A published set may send any of them; a figure left out is not
/// checked.
/// </summary>
public sealed record ExplanationFigures
{
    public decimal? GrandTotal { get; init; }
    public decimal? Income { get; init; }
    public decimal? Expenditure { get; init; }
    public decimal? Basic { get; init; }
    public decimal? Project { get; init; }
    public decimal? GeneralBudgetExpenditure { get; init; }
    /// <summary>四's 类 lines: 功能分类 类 code → 万元.</summary>
    public IReadOnlyDictionary<string, decimal>? GeneralBudgetByClass { get; init; }
    public decimal? GeneralBudgetBasic { get; init; }
    public decimal? Personnel { get; init; }
    public decimal? Public { get; init; }
    public decimal? ThreePublic { get; init; }
    public decimal? ThreePublicBudget { get; init; }
}
