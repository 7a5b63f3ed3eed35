using FundLedger.Appropriations;

namespace FundLedger.Reporting;

/// <summary>确定 (an identity that must hold), 疑似 (likely an error, to be explained) or 提示 (worth a look).</summary>
public enum CheckSeverity { Definite, Suspect, Hint }

/// <summary>
/// The 审核 rule catalogue: each identity between and within the nine tables as a named rule, run on any set of tables of the
/// published shape (the ledger's own, which must always pass, or a district's published figures). Rules compare 万元 as
/// published, allowing 0.01 of 尾差 per figure summed; a rule whose figures the set does not carry is not run.
/// </summary>
public static partial class FinalAccountsChecks
{
    /// <summary>A table's rows by the key a rule names them with: the code where there is one, else the name, with its side.</summary>
    private sealed class Sheet(FinalAccounts accounts)
    {
        private readonly Dictionary<string, FinalAccountsTable> _tables = Keyed(accounts);

        /// <summary>The nine and the balances by fund, those the set has, by their contract keys.</summary>
        public static Dictionary<string, FinalAccountsTable> Keyed(FinalAccounts a) =>
            a.Named().Append((Key: Balances, Table: a.BalancesByFund)).Where(t => t.Table is not null)
                .ToDictionary(t => t.Key, t => t.Table!);

        public FinalAccountsTable? Table(string key) => _tables.GetValueOrDefault(key);

        public CheckedFigure? Get(string table, string row, string column)
        {
            if (Table(table)?.Rows?.FirstOrDefault(r => r.Name == row || r.Code == row) is not { } found) return null;
            return found.Cells?.TryGetValue(column, out var cell) == true ? new CheckedFigure(table, row, column, cell.Wan) : null;
        }
    }

    /// <summary>Sum of the parts equals the whole, within 0.01 per part (each was rounded on its own).</summary>
    private static CheckResult? Foots(Rule rule, CheckedFigure? whole, params CheckedFigure?[] parts)
    {
        if (whole is null || parts.Any(p => p is null)) return null;
        var sum = parts.Sum(p => p!.Value);
        var passed = Math.Abs(sum - whole.Value) <= 0.01m * Math.Max(1, parts.Length - 1) + 0.0000001m;
        var detail = passed ? $"{whole.Value:0.00} = {sum:0.00}"
            : $"{whole.Table} {whole.Row} {whole.Column} is {whole.Value:0.00}, and its parts sum to {sum:0.00} (off by" +
                $" {sum - whole.Value:0.00})";
        return rule.Result(passed, detail, [whole, .. parts.Select(p => p!)]);
    }

    private sealed record Rule(string Id, CheckSeverity Severity, string Description)
    {
        public CheckResult Result(bool passed, string detail, IReadOnlyList<CheckedFigure> figures) => new(Id, Description,
            Kernel.Wire.Name(Severity), Severity switch
            {
                CheckSeverity.Definite => "确定",
                CheckSeverity.Suspect => "疑似",
                _ => "提示"
            },
            passed, detail, figures);
    }

    private static readonly string[] IncomeRows =
        ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入",
            "三、国有资本经营预算财政拨款收入", "四、上级补助收入", "五、事业收入",
         "六、经营收入", "七、附属单位上缴收入", "八、其他收入"];

    /// <summary>Every rule that applies to the set, in catalogue order.</summary>
    public static IReadOnlyList<CheckResult> Run(FinalAccounts accounts, FinalAccounts? previousYear = null,
        IReadOnlyCollection<Appropriation>? lines = null)
    {
        var s = new Sheet(accounts);
        const string T1 = "incomeExpenditureSummary", T2 = "income", T3 = "expenditure", T4 = "appropriationSummary",
            T5 = "generalBudgetExpenditure", T6 = "generalBudgetBasicExpenditure", T7 = "threePublicExpenses", T8 = "governmentFund",
            T9 = "stateCapital";
        var results = new List<CheckResult?>
        {
            Foots(new("T1-01", CheckSeverity.Definite, "表一 本年收入合计 = 一 至 八 各项收入之和"), s.Get(T1,
                "本年收入合计", "income"),
                [.. IncomeRows.Select(r => s.Get(T1, r, "income"))]),
            Foots(new("T1-02", CheckSeverity.Definite,
                "表一 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余"),
                s.Get(T1, "收入总计", "income"), s.Get(T1, "本年收入合计", "income"), s.Get(T1, "使用非财政拨款结余",
                    "income"),
                s.Get(T1, "年初结转和结余", "income")),
            Foots(new("T1-03", CheckSeverity.Definite, "表一 支出总计 = 结余分配 + 年末结转和结余 + 本年支出合计"),
                s.Get(T1, "支出总计", "expenditure"), s.Get(T1, "结余分配", "expenditure"), s.Get(T1, "年末结转和结余",
                    "expenditure"),
                s.Get(T1, "本年支出合计", "expenditure")),
            Foots(new("T1-04", CheckSeverity.Definite, "表一 收入总计 = 支出总计"), s.Get(T1, "收入总计", "income"), s.Get(T1,
                "支出总计", "expenditure")),
            Foots(new("T1-05", CheckSeverity.Definite, "表一 本年支出合计 = 各功能分类类级支出之和"), s.Get(T1,
                "本年支出合计", "expenditure"),
                [.. ClassRows(s.Table(T1), "expenditure").Select(code => s.Get(T1, code, "expenditure"))]),
            Foots(new("T2-01", CheckSeverity.Definite, "表二 本年收入合计 = 表一 本年收入合计"), s.Get(T2, "合计",
                "total"), s.Get(T1, "本年收入合计", "income")),
            Foots(new("T2-02", CheckSeverity.Definite, "表二 财政拨款收入 = 表一 三项财政拨款收入之和"), s.Get(T2,
                "合计", "fiscal"),
                s.Get(T1, IncomeRows[0], "income"), s.Get(T1, IncomeRows[1], "income"), s.Get(T1, IncomeRows[2], "income")),
            Foots(new("T3-01", CheckSeverity.Definite, "表三 本年支出合计 = 表一 本年支出合计"), s.Get(T3, "合计",
                "total"),
                s.Get(T1, "本年支出合计", "expenditure")),
            Foots(new("T3-02", CheckSeverity.Definite,
                "表三 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支" +
                    "出"),
                s.Get(T3, "合计", "total"), s.Get(T3, "合计", "basic"), s.Get(T3, "合计", "project"), s.Get(T3, "合计",
                    "upperRemittance"),
                s.Get(T3, "合计", "operating"), s.Get(T3, "合计", "affiliatedSubsidy")),
            Foots(new("T4-01", CheckSeverity.Definite, "表四 收入总计 = 支出总计"), s.Get(T4, "收入总计", "income"), s.Get(T4,
                "支出总计", "total")),
            Foots(new("T4-02", CheckSeverity.Definite, "表四 一般公共预算财政拨款本年支出 = 表五 本年支出合计"),
                s.Get(T4, "本年支出合计", "generalBudget"), s.Get(T5, "合计", "total")),
            Foots(new("T5-01", CheckSeverity.Definite, "表五 本年支出合计 = 基本支出 + 项目支出"), s.Get(T5, "合计",
                "total"), s.Get(T5, "合计", "basic"),
                s.Get(T5, "合计", "project")),
            Foots(new("T6-01", CheckSeverity.Definite, "表六 基本支出 = 人员经费 + 公用经费"), s.Get(T6, "合计", "total"),
                s.Get(T6, "合计", "personnel"),
                s.Get(T6, "合计", "public")),
            Foots(new("T6-02", CheckSeverity.Definite, "表六 基本支出合计 = 表五 基本支出"), s.Get(T6, "合计", "total"),
                s.Get(T5, "合计", "basic")),
            Foots(new("T7-01", CheckSeverity.Definite,
                "表七 “三公”经费决算数 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费"),
                s.Get(T7, "决算数", "total"), s.Get(T7, "决算数", "travelAbroad"), s.Get(T7, "决算数", "vehicles"), s.Get(T7,
                    "决算数", "hospitality")),
            Foots(new("T7-02", CheckSeverity.Definite, "表七 公务用车购置及运行费 = 购置费 + 运行费"), s.Get(T7,
                "决算数", "vehicles"),
                s.Get(T7, "决算数", "vehiclePurchase"), s.Get(T7, "决算数", "vehicleUpkeep")),
            Foots(new("T7-03", CheckSeverity.Definite, "表七 “三公”经费预算数 = 各项预算数之和"), s.Get(T7, "预算数",
                "total"),
                s.Get(T7, "预算数", "travelAbroad"), s.Get(T7, "预算数", "vehicles"), s.Get(T7, "预算数", "hospitality")),
            Foots(new("T8-01", CheckSeverity.Definite,
                "表八 年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余"),
                s.Get(T8, "合计", "opening") is { } o && s.Get(T8, "合计",
                    "income") is { } i ? o with { Value = o.Value + i.Value } : null,
                s.Get(T8, "合计", "total"), s.Get(T8, "合计", "closing")),
            Foots(new("T8-02", CheckSeverity.Definite, "表八 本年支出 = 表四 政府性基金预算财政拨款本年支出"),
                s.Get(T8, "合计", "total"),
                s.Get(T4, "本年支出合计", "governmentFund")),
            Foots(new("T9-01", CheckSeverity.Definite, "表九 本年支出 = 表四 国有资本经营预算财政拨款本年支出"),
                s.Get(T9, "合计", "total"),
                s.Get(T4, "本年支出合计", "stateCapital")),
        };
        results.AddRange(BalanceRules(s));
        results.AddRange(ExplanationRules(s, accounts.Explanation));
        if (lines is not null) results.AddRange(ReasonRules(lines));
        foreach (var table in Sheet.Keyed(accounts).Values)
        {
            var empty = table.Rows.All(r => r.Cells.Values.All(c => c.Wan == 0m));
            if (empty && table.Number is 7 or 8 or 9)
                results.Add(new Rule($"E-0{table.Number}", CheckSeverity.Hint, $"表{table.Number} 为空表时附空表说明")
                    .Result(table.EmptyNote is { Length: > 0 }, table.EmptyNote ?? "no 空表说明", []));
        }
        if (previousYear is not null && s.Get(T1, "年初结转和结余", "income") is { } opening
            && new Sheet(previousYear).Get(T1, "年末结转和结余", "expenditure") is { } closed)
        {
            // The opening balance is printed after the year's 调整年初结转和结余 (0 in a published set that has no such column).
            var last = closed with { Table = $"{T1} ({previousYear.Year})" };
            var rule = new Rule("C-01", CheckSeverity.Definite,
                "本年年初结转和结余 = 上年年末结转和结余 + 调整年初结转和结余");
            results.Add(s.Get(Balances, "合计", "openingAdjustment") is { } adjusted ? Foots(rule, opening, last, adjusted)
                : Foots(rule, opening, last));
        }
        return results.OfType<CheckResult>().ToList();
    }

    private const string Balances = "balancesByFund";

    /// <summary>
    /// The balances by fund against 表一, column by column (B-01 … B-06), and the closing balance footing by fund (B-07).
    /// </summary>
    private static IEnumerable<CheckResult?> BalanceRules(Sheet s)
    {
        const string T1 = "incomeExpenditureSummary";
        var columns = new (string Id, string Column, string Name, string Row, string Side)[]
        {
            ("B-01", "opening", "年初结转和结余", "年初结转和结余", "income"),
            ("B-02", "income", "本年收入", "本年收入合计", "income"),
            ("B-03", "usedSurplus", "使用非财政拨款结余", "使用非财政拨款结余", "income"),
            ("B-04", "expenditure", "本年支出", "本年支出合计", "expenditure"),
            ("B-05", "distributed", "结余分配", "结余分配", "expenditure"),
            ("B-06", "closing", "年末结转和结余", "年末结转和结余", "expenditure"),
        };
        foreach (var c in columns)
            yield return Foots(new(c.Id, CheckSeverity.Definite, $"按资金来源 {c.Name}合计 = 表一 {c.Row}"),
                s.Get(Balances, "合计", c.Column),
                s.Get(T1, c.Row, c.Side));
        var funds = s.Table(Balances)?.Rows?.Where(r => r.Level == 1).Select(r => s.Get(Balances, r.Name, "closing")).ToArray() ?? [];
        if (funds.Length > 0)
            yield return Foots(new("B-07", CheckSeverity.Definite, "按资金来源 年末结转和结余合计 = 各资金来源之和"),
                s.Get(Balances, "合计", "closing"), funds);
    }

    private static IEnumerable<string> ClassRows(FinalAccountsTable? table, string? side) =>
        table?.Rows?.Where(r => r.Side == side && r.Code is { Length: 3 }).Select(r => r.Code!) ?? [];

    /// <summary>Every figure of the published set that the ledger's set has and that differs from it, in 万元.</summary>
    public static IReadOnlyList<FigureDifference> Differences(FinalAccounts published, FinalAccounts ledger)
    {
        var ours = Sheet.Keyed(ledger);
        var differences = new List<FigureDifference>();
        foreach (var (key, table) in Sheet.Keyed(published))
            foreach (var row in table.Rows ?? [])
            {
                var match = ours[key].Rows.FirstOrDefault(r =>
                    (row.Code is not null ? r.Code == row.Code : r.Code is null && r.Name == row.Name) && r.Side == row.Side);
                foreach (var (column, cell) in row.Cells ?? new Dictionary<string, TableCell>())
                {
                    var expected = match?.Cells.TryGetValue(column, out var c) == true ? c.Wan : 0m;
                    if (cell.Wan != expected) differences.Add(new FigureDifference(key, row.Code ?? row.Name, column, cell.Wan, expected));
                }
            }
        differences.AddRange(ExplanationDifferences(published.Explanation, ledger.Explanation));
        return differences;
    }
}
