using System.Text.Json;
using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// The nine standard tables of a 部门决算, a pure function of the unit's lines of the year, the year's 功能分类 names and its
/// 三公 figures. Every figure is a sum in 元 of the lines' own figures (the same ones the 决算说明 uses: income is a line's
/// adjusted budget less what lapsed, the opening balance the budget of the lines carried in, the closing balance what is
/// left), rounded to 万元 only in the cell.
/// </summary>
public static class FinalAccountsTables
{
    private static readonly Money Nothing = Money.Zero;

    public static Money Opening(Appropriation l) => l.CarriedFrom is not null ? l.Adjusted : Nothing;
    public static Money Income(Appropriation l) => l.CarriedFrom is null ? l.Adjusted - l.Lapsed : Nothing;
    public static Money Closing(Appropriation l) => Opening(l) + Income(l) - l.Executed;

    /// <summary>
    /// 机关运行经费: the 公用经费 of the general-budget basic lines (every class but 301 and 303, as the 基本支出 table
    /// splits them).
    /// </summary>
    public static Money OfficeRunning(IEnumerable<Appropriation> lines) => lines
        .Where(l => l.OriginFundSource == FundSource.GeneralBudget && l.Kind == AppropriationKind.Basic)
        .SelectMany(l => l.ExecutedByClass).Where(p => p.Code is { } c && !EconomicClassification.IsPersonnel(c)).Sum(p => p.Executed);

    private static TableCell Cell(Money m) => new(m.Yuan, Rounding.ToWanYuan(m));

    private static TableRow Row(string? code, string name, int level, IEnumerable<(string Key, Money Amount)> cells, string? side = null) =>
        new(code, name, level, cells.ToDictionary(c => c.Key, c => Cell(c.Amount)), side);

    private static TableRow Named(string name, string key, Money amount, string side, int level = 0) =>
        Row(null, name, level, [(key, amount)], side);

    private static string Empty(int year, string what) => $"本单位{year}年度没有{what}，故本表为空表。";

    public static FinalAccounts Build(int year, string department, IReadOnlyCollection<Appropriation> lines, FunctionClassification codes,
        ThreePublicExpensesReport threePublic, DateTimeOffset? asOf)
    {
        var name = lines.FirstOrDefault()?.DepartmentName ?? department;
        bool From(Appropriation l, FundSource s) => l.OriginFundSource == s;
        var fiscal = lines.Where(l => CategoryNames.IsFiscal(l.OriginFundSource)).ToList();
        var general = lines.Where(l => From(l, FundSource.GeneralBudget)).ToList();
        var fund = lines.Where(l => From(l, FundSource.GovernmentFund)).ToList();
        var capital = lines.Where(l => From(l, FundSource.StateCapital)).ToList();
        Money Executed(Appropriation l, AppropriationKind k) => l.Kind == k ? l.Executed : Nothing;

        var incomeColumns = new (string Key, string Name, Func<Appropriation, Money> Of)[] { ("total", "本年收入合计", Income) }
            .Concat(CategoryNames.IncomeColumns.Select(c =>
                (c.Key, c.Name, (Func<Appropriation, Money>)(l => c.Counts(l.FundSource) ? Income(l) : Nothing))))
            .ToList();
        // Every kind a column, in the enum's order (基本, 项目 first), named as the 支出决算表 names it.
        var kindColumns = new (string Key, string Name, Func<Appropriation, Money> Of)[]
            {
                ("total", "本年支出合计", l => l.Executed),
            }
            .Concat(Enum.GetValues<AppropriationKind>().Select(k =>
                (JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), CategoryNames.Of(k),
                    (Func<Appropriation, Money>)(l => Executed(l, k)))))
            .ToList();
        var spent = kindColumns.Take(3).ToList();

        var summary = Summary(year, lines, codes);
        var income = Table(2, "income", "收入决算表", incomeColumns, lines.Where(l => l.CarriedFrom is null).ToList(), codes, null);
        var expenditure = Table(3, "expenditure", "支出决算表", kindColumns, lines, codes, null);
        var appropriation = AppropriationSummary(fiscal, codes);
        var generalSpent = Table(5, "generalBudgetExpenditure", "一般公共预算财政拨款支出决算表", spent, general, codes,
            Empty(year, "一般公共预算财政拨款支出"));
        var basic = BasicByEconomicClass(year, general.Where(l => l.Kind == AppropriationKind.Basic).ToList());
        var three = ThreePublic(year, threePublic);
        var fundTable = Table(8, "governmentFund", "政府性基金预算财政拨款收入支出决算表",
            [("opening", "年初结转和结余", Opening), ("income", "本年收入", Income), .. spent,
             ("closing", "年末结转和结余", Closing)],
            fund, codes, Empty(year, "使用政府性基金预算财政拨款安排的支出"));
        var capitalTable = Table(9, "stateCapital", "国有资本经营预算财政拨款支出决算表", spent, capital, codes,
            Empty(year, "使用国有资本经营预算财政拨款安排的支出"));
        return new FinalAccounts(year, department, name, summary, income, expenditure, appropriation, generalSpent, basic, three,
            fundTable, capitalTable, asOf);
    }

    /// <summary>
    /// A table by 功能分类: 合计, then each 类, its 款 and its 项 that carry a figure, each cell the sum of its lines.
    /// </summary>
    private static FinalAccountsTable Table(int number, string key, string title,
        IReadOnlyList<(string Key, string Name, Func<Appropriation, Money> Of)> columns, IReadOnlyCollection<Appropriation> lines,
        FunctionClassification codes, string? emptyNote)
    {
        TableRow Sum(string? code, string name, int level, IEnumerable<Appropriation> of)
        {
            var group = of.ToList();
            return Row(code, name, level, columns.Select(c => (c.Key, group.Sum(c.Of))));
        }
        bool Carries(TableRow r) => r.Cells.Values.Any(c => c.Yuan != 0m);
        var rows = new List<TableRow> { Sum(null, "合计", 0, lines) };
        foreach (var byClass in lines.GroupBy(l => FunctionCode.Class(l.FunctionClass)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Sum(byClass.Key, codes.Name(byClass.Key) ?? byClass.Key, 1, byClass));
            foreach (var bySection in byClass.GroupBy(l => FunctionCode.Section(l.FunctionClass)).OrderBy(g => g.Key,
                StringComparer.Ordinal))
            {
                rows.Add(Sum(bySection.Key, codes.Name(bySection.Key) ?? bySection.Key, 2, bySection));
                rows.AddRange(bySection.GroupBy(l => l.FunctionClass).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(item => Sum(item.Key, codes.Name(item.Key) ?? item.Key, 3, item)));
            }
        }
        rows = [rows[0], .. rows.Skip(1).Where(Carries)];
        var empty = rows.Count == 1 && !Carries(rows[0]);
        return new FinalAccountsTable(number, key, title, "万元", columns.Select(c => new TableColumn(c.Key, c.Name)).ToList(), rows,
            empty ? emptyNote : null);
    }

    /// <summary>
    /// 表一 收入支出决算总表: 收入 by source on the left, 支出 by 功能分类 类 on the right, each side to its 总计.
    /// </summary>
    private static FinalAccountsTable Summary(int year, IReadOnlyCollection<Appropriation> lines, FunctionClassification codes)
    {
        var own = lines.Where(l => l.CarriedFrom is null).ToList();
        Money From(params FundSource[] sources) => own.Where(l => sources.Contains(l.FundSource)).Sum(Income);
        var thisYear = own.Sum(Income);
        var opening = lines.Sum(Opening);
        var spent = lines.Sum(l => l.Executed);
        var closing = lines.Sum(Closing);
        const string In = "income", Out = "expenditure";
        var rows = new List<TableRow>
        {
            Named("一、一般公共预算财政拨款收入", In, From(FundSource.GeneralBudget), In, 1),
            Named("二、政府性基金预算财政拨款收入", In, From(FundSource.GovernmentFund), In, 1),
            Named("三、国有资本经营预算财政拨款收入", In, From(FundSource.StateCapital), In, 1),
            Named("四、上级补助收入", In, From(FundSource.UpperSubsidy), In, 1),
            Named("五、事业收入", In, From(FundSource.Business), In, 1),
            Named("六、经营收入", In, From(FundSource.Operating), In, 1),
            Named("七、附属单位上缴收入", In, From(FundSource.Affiliated), In, 1),
            Named("八、其他收入", In, From(FundSource.Other, FundSource.CarriedOver), In, 1),
            Named("本年收入合计", In, thisYear, In),
            Named("使用非财政拨款结余", In, Nothing, In),
            Named("年初结转和结余", In, opening, In),
            Named("收入总计", In, thisYear + opening, In),
        };
        rows.AddRange(lines.GroupBy(l => FunctionCode.Class(l.FunctionClass)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, codes.Name(g.Key) ?? g.Key, 1, [(Out, g.Sum(l => l.Executed))], Out)));
        rows.Add(Named("本年支出合计", Out, spent, Out));
        rows.Add(Named("结余分配", Out, Nothing, Out));
        rows.Add(Named("年末结转和结余", Out, closing, Out));
        rows.Add(Named("支出总计", Out, spent + closing, Out));
        return new FinalAccountsTable(1, "incomeExpenditureSummary", "收入支出决算总表", "万元",
            [new TableColumn(In, "决算数", In), new TableColumn(Out, "决算数", Out)], rows, null);
    }

    /// <summary>
    /// 表四 财政拨款收入支出决算总表: the three 财政拨款 on the left, their 支出 by 类 on the right.
    /// </summary>
    private static FinalAccountsTable AppropriationSummary(IReadOnlyList<Appropriation> fiscal, FunctionClassification codes)
    {
        const string In = "income", Out = "expenditure";
        var sources = new (string Key, string Name, FundSource Source)[]
        {
            ("generalBudget", "一般公共预算财政拨款", FundSource.GeneralBudget), ("governmentFund",
                "政府性基金预算财政拨款", FundSource.GovernmentFund),
            ("stateCapital", "国有资本经营预算财政拨款", FundSource.StateCapital),
        };
        IEnumerable<(string, Money)> Spent(IEnumerable<Appropriation> of)
        {
            var group = of.ToList();
            return [("total", group.Sum(l => l.Executed)),
                .. sources.Select(s => (s.Key, group.Where(l => l.OriginFundSource == s.Source).Sum(l => l.Executed)))];
        }
        var rows = new List<TableRow>();
        rows.AddRange(sources.Select((s, i) =>
            Named($"{"一二三"[i]}、{s.Name}", In, fiscal.Where(l => l.OriginFundSource == s.Source).Sum(Income), In, 1)));
        var thisYear = fiscal.Sum(Income);
        var opening = fiscal.Sum(Opening);
        rows.Add(Named("本年收入合计", In, thisYear, In));
        rows.Add(Named("年初财政拨款结转和结余", In, opening, In));
        rows.AddRange(sources.Select(s => Named(s.Name, In, fiscal.Where(l => l.OriginFundSource == s.Source).Sum(Opening), In, 1)));
        rows.Add(Named("收入总计", In, thisYear + opening, In));
        rows.AddRange(fiscal.GroupBy(l => FunctionCode.Class(l.FunctionClass)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, codes.Name(g.Key) ?? g.Key, 1, Spent(g), Out)));
        rows.Add(Row(null, "本年支出合计", 0, Spent(fiscal), Out));
        rows.Add(Row(null, "年末财政拨款结转和结余", 0, [("total", fiscal.Sum(Closing)),
            .. sources.Select(s => (s.Key, fiscal.Where(l => l.OriginFundSource == s.Source).Sum(Closing)))], Out));
        var total = fiscal.Sum(l => l.Executed) + fiscal.Sum(Closing);
        rows.Add(Row(null, "支出总计", 0, [("total", total),
            .. sources.Select(s => (s.Key, fiscal.Where(l => l.OriginFundSource == s.Source).Sum(l => l.Executed + Closing(l))))], Out));
        return new FinalAccountsTable(4, "appropriationSummary", "财政拨款收入支出决算总表", "万元",
            [new TableColumn(In, "决算数", In), new TableColumn("total", "合计", Out), .. sources.Select(s => new TableColumn(s.Key,
                s.Name, Out))],
            rows, null);
    }

    /// <summary>
    /// 表六 一般公共预算财政拨款基本支出决算表: by 经济分类, each 类 and the 款 paid on, in 人员经费 (301,
    /// 303) or 公用经费
    /// (the others); what no class names is a row of its own, in the total only.
    /// </summary>
    private static FinalAccountsTable BasicByEconomicClass(int year, IReadOnlyList<Appropriation> basic)
    {
        var list = EconomicClassification.For(year);
        var paid = basic.SelectMany(l => l.ExecutedByClass).ToList();
        IEnumerable<(string, Money)> Cells(string? code, Money amount) =>
            code is null ? [("total", amount)]
            : [("total", amount), (EconomicClassification.IsPersonnel(code) ? "personnel" : "public", amount)];
        var personnel = paid.Where(p => p.Code is { } c && EconomicClassification.IsPersonnel(c)).Sum(p => p.Executed);
        var rows = new List<TableRow>
        {
            Row(null, "合计", 0, [("total", paid.Sum(p => p.Executed)), ("personnel", personnel),
                ("public", paid.Where(p => p.Code is { } c && !EconomicClassification.IsPersonnel(c)).Sum(p => p.Executed))]),
        };
        foreach (var byClass in paid.Where(p => p.Code is not null).GroupBy(p => EconomicClassification.Class(p.Code!))
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(byClass.Key, list?.Name(byClass.Key) ?? byClass.Key, 1, Cells(byClass.Key, byClass.Sum(p => p.Executed))));
            rows.AddRange(byClass.Where(p => p.Code!.Length == 5).GroupBy(p => p.Code!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Row(g.Key, list?.Name(g.Key) ?? g.Key, 2, Cells(g.Key, g.Sum(p => p.Executed)))));
        }
        var unclassified = paid.Where(p => p.Code is null).Sum(p => p.Executed);
        if (unclassified != Nothing) rows.Add(Row(null, "未列经济分类", 1, Cells(null, unclassified)));
        rows = [rows[0], .. rows.Skip(1).Where(r => r.Cells.Values.Any(c => c.Yuan != 0m))];
        return new FinalAccountsTable(6, "generalBudgetBasicExpenditure", "一般公共预算财政拨款基本支出决算表", "万元",
            [new TableColumn("total", "合计"), new TableColumn("personnel", "人员经费"), new TableColumn("public", "公用经费")],
                rows,
            rows.Count == 1 && paid.Count == 0 ? Empty(year, "一般公共预算财政拨款基本支出") : null);
    }

    /// <summary>表七 财政拨款“三公”经费支出决算表: 预算数 (年初预算) and 决算数 by item.</summary>
    private static FinalAccountsTable ThreePublic(int year, ThreePublicExpensesReport report)
    {
        var items = new (string Key, string Item, string Name)[]
        {
            ("total", "total", "合计"), ("travelAbroad", "travel-abroad", "因公出国（境）费"),
            ("vehicles", "vehicles", "公务用车购置及运行费（小计）"), ("vehiclePurchase", "vehicle-purchase",
                "公务用车购置费"),
            ("vehicleUpkeep", "vehicle-upkeep", "公务用车运行费"), ("hospitality", "hospitality", "公务接待费"),
        };
        ThreePublicItem Of(string item) => report.Items.Single(i => i.Item == item);
        var rows = new List<TableRow>
        {
            Row(null, "预算数", 0, items.Select(i => (i.Key, Money.Of(Of(i.Item).Budget)))),
            Row(null, "决算数", 0, items.Select(i => (i.Key, Money.Of(Of(i.Item).Final)))),
        };
        var empty = rows.All(r => r.Cells.Values.All(c => c.Yuan == 0m));
        return new FinalAccountsTable(7, "threePublicExpenses", "财政拨款“三公”经费支出决算表", "万元",
            items.Select(i => new TableColumn(i.Key, i.Name)).ToList(), rows, empty ? Empty(year,
                "“三公”经费财政拨款支出") : null);
    }
}
