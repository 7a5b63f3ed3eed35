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

    /// <summary>本年收入: a line of the year's own (not carried in, not funded from earlier surplus) less what lapsed.</summary>
    public static Money Income(Appropriation l) =>
        l.CarriedFrom is null && l.FundSource != FundSource.NonFiscalSurplus ? l.Adjusted - l.Lapsed : Nothing;

    /// <summary>使用非财政拨款结余: a line funded from the unit's surplus of earlier years, less what went back to it.</summary>
    public static Money UsedSurplus(Appropriation l) =>
        l.CarriedFrom is null && l.FundSource == FundSource.NonFiscalSurplus ? l.Adjusted - l.Lapsed : Nothing;

    /// <summary>
    /// 年末结转和结余: what came in (opening, income, surplus used) less what was spent and distributed (结余分配).
    /// </summary>
    public static Money Closing(Appropriation l) => Opening(l) + Income(l) + UsedSurplus(l) - l.Executed - l.Distributed;

    /// <summary>
    /// A line with its figures computed once: a table sums each figure over every line, and a district-year has thousands.
    /// </summary>
    private sealed class Line(Appropriation a)
    {
        public Appropriation A { get; } = a;
        public Money Opening { get; } = FinalAccountsTables.Opening(a);
        public Money Income { get; } = FinalAccountsTables.Income(a);
        public Money Used { get; } = UsedSurplus(a);
        public Money Executed { get; } = a.Executed;
        public Money Distributed { get; } = a.Distributed;
        public Money Closing => Opening + Income + Used - Executed - Distributed;
    }

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

    public static FinalAccounts Build(int year, string department, IReadOnlyCollection<Appropriation> appropriations,
        FunctionClassification codes, ThreePublicExpensesReport threePublic, DateTimeOffset? asOf)
    {
        var name = appropriations.FirstOrDefault()?.DepartmentName ?? department;
        var lines = appropriations.Select(a => new Line(a)).ToList();
        bool From(Line l, FundSource s) => l.A.OriginFundSource == s;
        var fiscal = lines.Where(l => CategoryNames.IsFiscal(l.A.OriginFundSource)).ToList();
        var general = lines.Where(l => From(l, FundSource.GeneralBudget)).ToList();
        var fund = lines.Where(l => From(l, FundSource.GovernmentFund)).ToList();
        var capital = lines.Where(l => From(l, FundSource.StateCapital)).ToList();
        Money Executed(Line l, AppropriationKind k) => l.A.Kind == k ? l.Executed : Nothing;

        var incomeColumns = new (string Key, string Name, Func<Line, Money> Of)[] { ("total", "本年收入合计", l => l.Income) }
            .Concat(CategoryNames.IncomeColumns.Select(c =>
                (c.Key, c.Name, (Func<Line, Money>)(l => c.Counts(l.A.FundSource) ? l.Income : Nothing))))
            .ToList();
        // Every kind a column, in the enum's order (基本, 项目 first), named as the 支出决算表 names it.
        var kindColumns = new (string Key, string Name, Func<Line, Money> Of)[]
            {
                ("total", "本年支出合计", l => l.Executed),
            }
            .Concat(Enum.GetValues<AppropriationKind>().Select(k =>
                (JsonNamingPolicy.CamelCase.ConvertName(k.ToString()), CategoryNames.Of(k),
                    (Func<Line, Money>)(l => Executed(l, k)))))
            .ToList();
        var spent = kindColumns.Take(3).ToList();

        var summary = Summary(year, lines, codes);
        var income = Table(2, "income", "收入决算表", incomeColumns, lines.Where(l => l.A.CarriedFrom is null).ToList(), codes, null);
        var expenditure = Table(3, "expenditure", "支出决算表", kindColumns, lines, codes, null);
        var appropriation = AppropriationSummary(fiscal, codes);
        var generalSpent = Table(5, "generalBudgetExpenditure", "一般公共预算财政拨款支出决算表", spent, general, codes,
            Empty(year, "一般公共预算财政拨款支出"));
        var basic = BasicByEconomicClass(year, general.Where(l => l.A.Kind == AppropriationKind.Basic).Select(l => l.A).ToList());
        var three = ThreePublic(year, threePublic);
        var fundTable = Table(8, "governmentFund", "政府性基金预算财政拨款收入支出决算表",
            [("opening", "年初结转和结余", l => l.Opening), ("income", "本年收入", l => l.Income), .. spent,
             ("closing", "年末结转和结余", l => l.Closing)],
            fund, codes, Empty(year, "使用政府性基金预算财政拨款安排的支出"));
        var capitalTable = Table(9, "stateCapital", "国有资本经营预算财政拨款支出决算表", spent, capital, codes,
            Empty(year, "使用国有资本经营预算财政拨款安排的支出"));
        return new FinalAccounts(year, department, name, summary, income, expenditure, appropriation, generalSpent, basic, three,
            fundTable, capitalTable, asOf)
        { BalancesByFund = BalancesByFund(lines) };
    }

    /// <summary>
    /// A table by 功能分类: 合计, then each 类, its 款 and its 项 that carry a figure, each cell the sum of its lines.
    /// </summary>
    private static FinalAccountsTable Table(int number, string key, string title,
        IReadOnlyList<(string Key, string Name, Func<Line, Money> Of)> columns, IReadOnlyCollection<Line> lines,
        FunctionClassification codes, string? emptyNote)
    {
        // One pass over the lines, by 项, each column summed once; 款, 类 and 合计 are the sums of the rows below them, so a
        // district-year of 10,000 lines costs its lines once per column, not once per level.
        var width = columns.Count;
        var items = new Dictionary<string, Money[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!items.TryGetValue(line.A.FunctionClass, out var sums))
                items[line.A.FunctionClass] = sums = Enumerable.Repeat(Nothing, width).ToArray();
            for (var i = 0; i < width; i++) sums[i] += columns[i].Of(line);
        }
        Money[] Add(IEnumerable<Money[]> parts) => parts.Aggregate(Enumerable.Repeat(Nothing, width).ToArray(), (total, part) =>
        {
            for (var i = 0; i < width; i++) total[i] += part[i];
            return total;
        });
        TableRow Sums(string? code, string name, int level, Money[] sums) =>
            Row(code, name, level, columns.Select((c, i) => (c.Key, sums[i])));
        bool Carries(TableRow r) => r.Cells.Values.Any(c => c.Yuan != 0m);
        var body = new List<TableRow>();
        var classTotals = new List<Money[]>();
        foreach (var byClass in items.GroupBy(i => FunctionCode.Class(i.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var sections = byClass.GroupBy(i => FunctionCode.Section(i.Key)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Items: g.OrderBy(i => i.Key, StringComparer.Ordinal).ToList())).ToList();
            var sectionTotals = sections.Select(section => Add(section.Items.Select(i => i.Value))).ToList();
            var classTotal = Add(sectionTotals);
            classTotals.Add(classTotal);
            body.Add(Sums(byClass.Key, codes.Name(byClass.Key) ?? byClass.Key, 1, classTotal));
            foreach (var (section, total) in sections.Zip(sectionTotals))
            {
                body.Add(Sums(section.Key, codes.Name(section.Key) ?? section.Key, 2, total));
                body.AddRange(section.Items.Select(item => Sums(item.Key, codes.Name(item.Key) ?? item.Key, 3, item.Value)));
            }
        }
        var rows = new List<TableRow> { Sums(null, "合计", 0, Add(classTotals)) };
        rows.AddRange(body);
        rows = [rows[0], .. rows.Skip(1).Where(Carries)];
        var empty = rows.Count == 1 && !Carries(rows[0]);
        return new FinalAccountsTable(number, key, title, "万元", columns.Select(c => new TableColumn(c.Key, c.Name)).ToList(), rows,
            empty ? emptyNote : null);
    }

    /// <summary>
    /// 表一 收入支出决算总表: 收入 by source on the left, 支出 by 功能分类 类 on the right, each side to its 总计.
    /// </summary>
    private static FinalAccountsTable Summary(int year, IReadOnlyCollection<Line> lines, FunctionClassification codes)
    {
        var own = lines.Where(l => l.A.CarriedFrom is null).ToList();
        var bySource = own.ToLookup(l => l.A.FundSource);
        Money From(params FundSource[] sources) => sources.Sum(source => bySource[source].Sum(l => l.Income));
        var thisYear = own.Sum(l => l.Income);
        var used = own.Sum(l => l.Used);
        var opening = lines.Sum(l => l.Opening);
        var spent = lines.Sum(l => l.Executed);
        var distributed = lines.Sum(l => l.Distributed);
        var closing = lines.Sum(l => l.Closing);
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
            Named("使用非财政拨款结余", In, used, In),
            Named("年初结转和结余", In, opening, In),
            Named("收入总计", In, thisYear + used + opening, In),
        };
        rows.AddRange(lines.GroupBy(l => FunctionCode.Class(l.A.FunctionClass)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, codes.Name(g.Key) ?? g.Key, 1, [(Out, g.Sum(l => l.Executed))], Out)));
        rows.Add(Named("本年支出合计", Out, spent, Out));
        rows.Add(Named("结余分配", Out, distributed, Out));
        rows.Add(Named("年末结转和结余", Out, closing, Out));
        rows.Add(Named("支出总计", Out, spent + distributed + closing, Out));
        return new FinalAccountsTable(1, "incomeExpenditureSummary", "收入支出决算总表", "万元",
            [new TableColumn(In, "决算数", In), new TableColumn(Out, "决算数", Out)], rows, null);
    }

    /// <summary>
    /// 结转和结余 by fund: one row a source (by where the money first came from, so carried money stays under its source), the
    /// columns of 表一's identity; 合计 first. The opening balance is after the year's 调整年初结转和结余, which
    /// has a column of its own, so last year's closing balance is the opening less it (rule C-01).
    /// </summary>
    private static FinalAccountsTable BalancesByFund(IReadOnlyCollection<Line> lines)
    {
        var funds = new (string Name, FundSource[] Sources)[]
        {
            ("一般公共预算财政拨款", [FundSource.GeneralBudget]),
            ("政府性基金预算财政拨款", [FundSource.GovernmentFund]),
            ("国有资本经营预算财政拨款", [FundSource.StateCapital]), ("上级补助", [FundSource.UpperSubsidy]),
            ("事业", [FundSource.Business]), ("经营", [FundSource.Operating]), ("附属单位上缴", [FundSource.Affiliated]),
            ("其他", [FundSource.Other, FundSource.CarriedOver]), ("使用非财政拨款结余", [FundSource.NonFiscalSurplus]),
        };
        var columns = new (string Key, string Name, Func<Line, Money> Of)[]
        {
            ("opening", "年初结转和结余", l => l.Opening),
            ("openingAdjustment", "其中：调整年初结转和结余", l => l.A.OpeningAdjustment),
            ("income", "本年收入", l => l.Income),
            ("usedSurplus", "使用非财政拨款结余", l => l.Used), ("expenditure", "本年支出", l => l.Executed),
            ("distributed", "结余分配", l => l.Distributed), ("closing", "年末结转和结余", l => l.Closing),
        };
        TableRow Sum(string name, int level, IEnumerable<Line> of)
        {
            var group = of.ToList();
            return Row(null, name, level, columns.Select(c => (c.Key, group.Sum(c.Of))));
        }
        var bySource = lines.ToLookup(l => l.A.OriginFundSource);
        var rows = new List<TableRow> { Sum("合计", 0, lines) };
        rows.AddRange(funds.Select(f => Sum(f.Name, 1, f.Sources.SelectMany(s => bySource[s]))));
        return new FinalAccountsTable(0, "balancesByFund", "结转和结余按资金来源", "万元",
            columns.Select(c => new TableColumn(c.Key, c.Name)).ToList(), rows, null);
    }

    /// <summary>
    /// 表四 财政拨款收入支出决算总表: the three 财政拨款 on the left, their 支出 by 类 on the right.
    /// </summary>
    private static FinalAccountsTable AppropriationSummary(IReadOnlyList<Line> fiscal, FunctionClassification codes)
    {
        const string In = "income", Out = "expenditure";
        var sources = new (string Key, string Name, FundSource Source)[]
        {
            ("generalBudget", "一般公共预算财政拨款", FundSource.GeneralBudget), ("governmentFund",
                "政府性基金预算财政拨款", FundSource.GovernmentFund),
            ("stateCapital", "国有资本经营预算财政拨款", FundSource.StateCapital),
        };
        IEnumerable<(string, Money)> Spent(IEnumerable<Line> of)
        {
            var group = of.ToList();
            return [("total", group.Sum(l => l.Executed)),
                .. sources.Select(s => (s.Key, group.Where(l => l.A.OriginFundSource == s.Source).Sum(l => l.Executed)))];
        }
        var bySource = fiscal.ToLookup(l => l.A.OriginFundSource);
        IEnumerable<Line> Of(FundSource source) => bySource[source];
        var rows = new List<TableRow>();
        rows.AddRange(sources.Select((s, i) =>
            Named($"{"一二三"[i]}、{s.Name}", In, Of(s.Source).Sum(l => l.Income), In, 1)));
        var thisYear = fiscal.Sum(l => l.Income);
        var opening = fiscal.Sum(l => l.Opening);
        rows.Add(Named("本年收入合计", In, thisYear, In));
        rows.Add(Named("年初财政拨款结转和结余", In, opening, In));
        rows.AddRange(sources.Select(s => Named(s.Name, In, Of(s.Source).Sum(l => l.Opening), In, 1)));
        rows.Add(Named("收入总计", In, thisYear + opening, In));
        rows.AddRange(fiscal.GroupBy(l => FunctionCode.Class(l.A.FunctionClass)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, codes.Name(g.Key) ?? g.Key, 1, Spent(g), Out)));
        rows.Add(Row(null, "本年支出合计", 0, Spent(fiscal), Out));
        rows.Add(Row(null, "年末财政拨款结转和结余", 0, [("total", fiscal.Sum(l => l.Closing)),
            .. sources.Select(s => (s.Key, Of(s.Source).Sum(l => l.Closing)))], Out));
        var total = fiscal.Sum(l => l.Executed) + fiscal.Sum(l => l.Closing);
        rows.Add(Row(null, "支出总计", 0, [("total", total),
            .. sources.Select(s => (s.Key, Of(s.Source).Sum(l => l.Executed + l.Closing)))], Out));
        return new FinalAccountsTable(4, "appropriationSummary", "财政拨款收入支出决算总表", "万元",
            [new TableColumn(In, "决算数", In), new TableColumn("total", "合计", Out), .. sources.Select(s => new TableColumn(s.Key,
                s.Name, Out))],
            rows, null);
    }

    /// <summary>
    /// 表六 一般公共预算财政拨款基本支出决算表: by 经济分类, each 类 and the 款 paid on, in 人员经费 (301,
    /// 303) or 公用经费 (the others); what no class names is a row of its own, in the total only.
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
