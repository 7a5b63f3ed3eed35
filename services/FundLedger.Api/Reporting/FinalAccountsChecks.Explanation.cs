namespace FundLedger.Reporting;

/// <summary>The rules between the tables and the 决算说明's paragraphs (S-01 … S-12), and the 说明's figures that differ.</summary>
public static partial class FinalAccountsChecks
{
    private const string Said = "explanation";

    /// <summary>A figure the 说明 states, as the rules and the differences name it.</summary>
    private static CheckedFigure? Stated(decimal? value, string name) => value is { } v ? new CheckedFigure(Said, name, "wan", v) : null;

    private static IEnumerable<(string Name, decimal? Value)> Fields(ExplanationFigures e) =>
    [
        ("grandTotal", e.GrandTotal), ("income", e.Income), ("expenditure", e.Expenditure), ("basic", e.Basic), ("project", e.Project),
        ("generalBudgetExpenditure", e.GeneralBudgetExpenditure), ("generalBudgetBasic", e.GeneralBudgetBasic),
        ("personnel", e.Personnel), ("public", e.Public), ("threePublic", e.ThreePublic), ("threePublicBudget", e.ThreePublicBudget),
        .. (e.GeneralBudgetByClass ?? new Dictionary<string, decimal>()).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => ($"generalBudgetByClass.{c.Key}", (decimal?)c.Value)),
    ];

    private static IEnumerable<CheckResult?> ExplanationRules(Sheet s, ExplanationFigures? e)
    {
        if (e is null) yield break;
        const string T1 = "incomeExpenditureSummary", T3 = "expenditure", T5 = "generalBudgetExpenditure",
            T6 = "generalBudgetBasicExpenditure", T7 = "threePublicExpenses";
        var pairs = new (string Id, string Description, CheckedFigure? Said, CheckedFigure? Table)[]
        {
            ("S-01", "说明二 收支总计 = 表一 收入总计", Stated(e.GrandTotal, "grandTotal"),
                s.Get(T1, "收入总计", "income")),
            ("S-02", "说明二 本年收入合计 = 表一 本年收入合计", Stated(e.Income, "income"),
                s.Get(T1, "本年收入合计", "income")),
            ("S-03", "说明二 本年支出合计 = 表一 本年支出合计", Stated(e.Expenditure, "expenditure"),
                s.Get(T1, "本年支出合计", "expenditure")),
            ("S-04", "说明二 基本支出 = 表三 基本支出", Stated(e.Basic, "basic"), s.Get(T3, "合计", "basic")),
            ("S-05", "说明二 项目支出 = 表三 项目支出", Stated(e.Project, "project"), s.Get(T3, "合计", "project")),
            ("S-06", "说明四 一般公共预算财政拨款支出 = 表五 合计",
                Stated(e.GeneralBudgetExpenditure, "generalBudgetExpenditure"),
                s.Get(T5, "合计", "total")),
            ("S-08", "说明七 基本支出 = 表六 合计", Stated(e.GeneralBudgetBasic, "generalBudgetBasic"),
                s.Get(T6, "合计", "total")),
            ("S-09", "说明七 人员经费 = 表六 人员经费", Stated(e.Personnel, "personnel"), s.Get(T6, "合计", "personnel")),
            ("S-10", "说明七 公用经费 = 表六 公用经费", Stated(e.Public, "public"), s.Get(T6, "合计", "public")),
            ("S-11", "说明第三部分 “三公”经费决算数 = 表七 决算数", Stated(e.ThreePublic, "threePublic"),
                s.Get(T7, "决算数", "total")),
            ("S-12", "说明第三部分 “三公”经费年初预算 = 表七 预算数",
                Stated(e.ThreePublicBudget, "threePublicBudget"),
                s.Get(T7, "预算数", "total")),
        };
        foreach (var p in pairs) yield return Foots(new(p.Id, CheckSeverity.Definite, p.Description), p.Said, p.Table);

        // S-07: each 类 the 说明 states and each 类 表五 carries, the one against the other (a 类 missing on a side is 0).
        if (e.GeneralBudgetByClass is not { } said || s.Table(T5) is not { } table) yield break;
        var codes = said.Keys.Union(ClassRows(table, side: null)).Order(StringComparer.Ordinal);
        foreach (var code in codes)
            yield return Foots(new("S-07", CheckSeverity.Definite, $"说明四 {code} 类支出 = 表五 {code}"),
                new CheckedFigure(Said, $"generalBudgetByClass.{code}", "wan", said.GetValueOrDefault(code)),
                s.Get(T5, code, "total") ?? new CheckedFigure(T5, code, "total", 0m));
    }

    /// <summary>Each figure of the published 说明 that the ledger's 说明 states otherwise (a figure it does not state is 0).</summary>
    private static IEnumerable<FigureDifference> ExplanationDifferences(ExplanationFigures? published, ExplanationFigures? ledger)
    {
        if (published is null || ledger is null) yield break;
        var ours = Fields(ledger).ToDictionary(f => f.Name, f => f.Value ?? 0m);
        foreach (var (name, value) in Fields(published))
            if (value is { } v && v != ours.GetValueOrDefault(name))
                yield return new FigureDifference(Said, name, "wan", v, ours.GetValueOrDefault(name));
    }
}
