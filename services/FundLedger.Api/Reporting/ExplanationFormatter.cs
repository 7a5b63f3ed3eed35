using System.Globalization;
using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// The one place where explanations are worded (variances and year-over-year changes), in the style of a
/// 部门决算说明 (zh) and in English. The text names the material reasons (at least 1% of the change), largest
/// first, at most <see cref="MostListed"/>; 等 ("and others") ends the list when a material reason did not fit.
/// Immaterial reasons stay in the answer's reasons[] with their events, unnamed in the text, as a 决算说明 would.
/// </summary>
public static partial class ExplanationFormatter
{
    public const int MostListed = 6;

    public static string Explain(int year, Money original, Money final, IReadOnlyList<VarianceReason> reasons, Language language)
    {
        var zh = language.IsChinese;
        var change = final - original;
        var headline = Headline(year, original, final, change, zh);
        if (change == Money.Zero) return headline;

        var explained = reasons.Where(r => r.Kind != ReasonKind.Unexplained).ToList();
        var (listed, truncated) = Select(explained, change);
        var text = headline;
        if (listed.Count > 0)
        {
            var groups = listed.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => Group(g.Key, g.ToList(), zh));
            text += zh
                ? $"主要原因：{string.Join("；", groups)}{(truncated ? "等" : "")}。"
                : $" Main reasons: {string.Join("; ", groups)}{(truncated ? ", among others" : "")}.";
        }
        if (reasons.FirstOrDefault(r => r.Kind == ReasonKind.Unexplained) is { } rest) text += Unexplained(rest.Effect, zh);
        return text;
    }

    /// <summary>
    /// The reasons the text names: material ones (at least 1% of the change), largest first, at most <see cref="MostListed"/>,
    /// never a placeholder. 等 when what is left unnamed (a material reason that did not fit, a placeholder, the immaterial
    /// ones together) is itself material: a list that does not explain the change says so.
    /// </summary>
    private static (List<VarianceReason> Listed, bool Truncated) Select(IReadOnlyList<VarianceReason> reasons, Money change)
    {
        bool Material(Money effect) => Math.Abs(effect.Yuan) * 100m >= Math.Abs(change.Yuan);
        var listed = reasons.Where(r => !r.Placeholder && Material(r.Effect)).OrderByDescending(r => Math.Abs(r.Effect.Yuan))
            .Take(MostListed).ToList();
        var unnamed = reasons.Sum(r => r.Effect) - listed.Sum(r => r.Effect);
        return (listed, Material(unnamed) && unnamed != Money.Zero);
    }

    /// <summary>A 类's line in the report: its headline, then its 款 below it give the reasons (其中：).</summary>
    public static string ClassHeadline(int year, VarianceNode node, bool zh) =>
        Headline(year, Money.Of(node.Original), Money.Of(node.Final), Money.Of(node.Change), zh) + (zh ? "其中：" : " Of which:");

    private static string Headline(int year, Money original, Money final, Money change, bool zh)
    {
        if (original == Money.Zero)
            return zh ? $"{year}年度决算{W(final)}万元，{year}年年初预算未安排此项支出。"
                      : $"{year} final {W(final)} (10k yuan); the line was not in the {year} original budget.";
        if (change == Money.Zero)
            return zh ? $"{year}年度决算{W(final)}万元，{year}年年初预算{W(original)}万元，与预算持平。"
                      : $"{year} final {W(final)} (10k yuan), the same as the {year} original budget.";
        var up = change.IsPositive;
        var percent = Rounding.Percent(up ? change : -change, original).ToString("0.00", CultureInfo.InvariantCulture);
        return zh
            ? $"{year}年度决算{W(final)}万元，比{year}年年初预算" +
              $"{(up ? "增加" : "减少")}{W(up ? change : -change)}万元，{(up ? "增长" : "下降")}{percent}%。"
            : $"{year} final {W(final)} (10k yuan), {W(up ? change : -change)} {(up ? "above" : "below")} " +
              $"the {year} original budget of {W(original)} ({(up ? "+" : "−")}{percent}%).";
    }

    private static string Group(ReasonKind kind, IReadOnlyList<VarianceReason> items, bool zh) => kind switch
    {
        ReasonKind.CarryForward => string.Join(zh ? "；" : "; ", items.Select(r => zh
            ? $"{r.Label}{W(-r.Effect)}万元未支出，作为" +
              $"{(r.CarryKind == CarryForwardKind.TreasuryReturnable ? "财政应返还额度" : "单位结转资金")}" +
              $"结转至{r.IntoYear}年"
            : $"{r.Label} {W(-r.Effect)} unspent, carried forward into {r.IntoYear} as " +
              $"{(r.CarryKind == CarryForwardKind.TreasuryReturnable ? "treasury-returnable quota" : "funds retained by the unit")}")),
        ReasonKind.NewLine => (zh ? "新增" : "new in the year: ") + List(items, 1, zh),
        ReasonKind.Supplement => (zh ? "财政追加" : "supplements: ") + List(items, 1, zh),
        ReasonKind.Reduction => (zh ? "收回" : "reductions: ") + List(items, -1, zh),
        ReasonKind.Lapse => zh ? $"{List(items, -1, zh)}未支出，年终收回" : $"{List(items, -1, zh)} unspent, lapsed at year end",
        _ => "",
    };

    private static string List(IEnumerable<VarianceReason> items, int sign, bool zh) =>
        string.Join(zh ? "、" : ", ", items.Select(r => zh
            ? $"{r.Label}{W(sign > 0 ? r.Effect : -r.Effect)}万元"
            : $"{r.Label} {W(sign > 0 ? r.Effect : -r.Effect)}"));

    private static string Unexplained(Money effect, bool zh) => effect.IsNegative
        ? zh ? $"另有{W(-effect)}万元尚未支出，也未结转或收回（年度尚未结账），" +
               $"已记录的事件不能说明其原因。"
             : $" A further {W(-effect)} is unspent and neither carried forward nor lapsed (the year is not closed); " +
               $"no recorded event explains it."
        : zh ? $"另有{W(effect)}万元超出调整后预算支出，已记录的事件不能说明其原因。"
             : $" A further {W(effect)} was spent beyond the adjusted budget; no recorded event explains it.";

    /// <summary>
    /// 财政拨款收、支总计 against the previous year, then the lines behind it: 新增 (new), 增加, 减少, each largest
    /// first, at most <see cref="MostListed"/> of each; 等 when a changed line is left out.
    /// </summary>
    public static string ExplainYearOverYear(int year, Money current, Money previous, IReadOnlyList<LineChange> lines, Language language)
    {
        var zh = language.IsChinese;
        var change = current - previous;
        var up = !change.IsNegative;
        var percent = previous == Money.Zero
            ? null
            : Rounding.Percent(up ? change : -change, previous).ToString("0.00", CultureInfo.InvariantCulture);
        var text = zh
            ? $"{year}年度财政拨款收、支总计{W(current)}万元，比上年" +
              $"{(up ? "增加" : "减少")}{W(up ? change : -change)}万元" +
              (percent is null ? "。" : $"，{(up ? "增长" : "下降")}{percent}%。")
            : $"{year} total government appropriations (income and expenditure) {W(current)} (10k yuan), " +
              $"{W(up ? change : -change)} {(up ? "more" : "less")} than {year - 1}" +
              (percent is null ? "." : $" ({(up ? "+" : "−")}{percent}%).");

        var changed = lines.Where(l => l.Change != YearChange.Unchanged).ToList();
        var groups = changed.GroupBy(l => l.Change).OrderBy(g => g.Key)
            .Select(g => (g.Key, Listed: g.OrderByDescending(l => Math.Abs(l.Difference.Yuan)).Take(MostListed).ToList(), Total: g.Count()))
            .ToList();
        if (groups.Count == 0) return text;
        var truncated = groups.Any(g => g.Listed.Count < g.Total);
        var parts = groups.Select(g =>
            (zh && g.Key == YearChange.New ? "新增" : "") + string.Join(zh ? "、" : ", ", g.Listed.Select(l => YearLine(g.Key, l, zh))));
        return text + (zh
            ? $"主要原因：{string.Join("；", parts)}{(truncated ? "等" : "")}。"
            : $" Main reasons: {string.Join("; ", parts)}{(truncated ? ", among others" : "")}.");
    }

    private static string YearLine(YearChange change, LineChange l, bool zh)
    {
        var amount = W(change == YearChange.Decrease ? -l.Difference : l.Difference);
        return (change, zh) switch
        {
            (YearChange.New, true) => $"{l.Name}{amount}万元",
            (YearChange.Increase, true) => $"{l.Name}增加{amount}万元",
            (_, true) => $"{l.Name}减少{amount}万元",
            (YearChange.New, false) => $"new: {l.Name} {amount}",
            (YearChange.Increase, false) => $"{l.Name} up {amount}",
            _ => $"{l.Name} down {amount}",
        };
    }

    // ---- The department report (决算说明): its fixed sentences, in the seed's order.

    public static string ReportTitle(int year, string department, bool zh) =>
        zh ? $"{department}{year}年度部门决算说明" : $"{department}: notes to the {year} final accounts";

    /// <summary>第二部分's sections in the standard 决算说明 order (一 基本情况 … 七 基本支出).</summary>
    public static string ReportHeading(int n, bool zh) => (zh
        ? new[]
        {
            "",
            "一、部门/单位基本情况",
            "二、收入支出决算总体情况说明",
            "三、财政拨款收入支出决算总体情况说明",
            "四、一般公共预算财政拨款支出决算情况说明",
            "五、政府性基金预算财政拨款支出决算情况说明",
            "六、国有资本经营预算财政拨款收支情况说明",
            "七、财政拨款基本支出决算情况说明",
        }[n]
        : new[]
        {
            "", "1. The unit", "2. Income and expenditure", "3. Government appropriations", "4. General-budget expenditure",
            "5. Government-fund expenditure", "6. State-capital expenditure", "7. Basic expenditure",
        }[n]);

    /// <summary>The four parts of a 决算说明: the tables, the notes, other matters, performance.</summary>
    public static string PartHeading(int part, int year, bool zh) => zh
        ? part switch
        {
            1 => $"第一部分 {year}年度部门决算报表",
            2 => $"第二部分 {year}年度部门决算说明",
            3 => $"第三部分 {year}年度其他重要事项的情况说明",
            _ => $"第四部分 {year}年度部门绩效评价情况",
        }
        : part switch
        {
            1 => $"Part one: the {year} final accounts tables",
            2 => $"Part two: notes to the {year} final accounts",
            3 => $"Part three: other matters of {year}",
            _ => $"Part four: performance evaluation of {year}",
        };

    /// <summary>五 and 六 when the unit spent nothing of that fund: the published sentence.</summary>
    public static string FundSpending(Money spent, string fund, int year, bool zh) => spent == Money.Zero
        ? zh ? "本年度无此项支出" : "Nothing was spent from this fund this year."
        : zh ? $"{year}年度{fund}财政拨款支出{W(spent)}万元。" : $"In {year}, {W(spent)} (10k yuan) was spent from this fund.";

    /// <summary>七's breakdown: 人员经费 and 公用经费 and the 经济分类 类 under each, from the payments' classes.</summary>
    public static string BasicByClass(IReadOnlyList<(string Code, string Name, Money Amount)> classes, bool zh)
    {
        string Part(bool personnel)
        {
            var of = classes.Where(c => Appropriations.EconomicClassification.IsPersonnel(c.Code) == personnel).ToList();
            var items = string.Join(zh ? "、" : ", ", of.Select(c => zh ? $"{c.Name}{W(c.Amount)}万元" : $"{c.Code} {W(c.Amount)}"));
            var total = W(of.Sum(c => c.Amount));
            return zh ? $"{(personnel ? "人员经费" : "公用经费")}{total}万元" + (of.Count > 0 ? $"（{items}）" : "")
                : $"{(personnel ? "personnel" : "public")} {total}" + (of.Count > 0 ? $" ({items})" : "");
        }
        return zh ? $"其中：{Part(true)}，{Part(false)}。" : $"Of it: {Part(true)}; {Part(false)}.";
    }

    public static string Overall(int year, Reporting.ReportTotals t, bool zh)
    {
        var total = Money.Of(t.GrandTotal);
        var previous = Money.Of(t.PreviousGrandTotal);
        var change = total - previous;
        var up = !change.IsNegative;
        var percent = previous == Money.Zero
            ? ""
            : (zh ? $"，{(up ? "增长" : "下降")}" : $" ({(up ? "+" : "−")}") +
              Rounding.Percent(up ? change : -change, previous).ToString("0.00", CultureInfo.InvariantCulture) + (zh ? "%" : "%)");
        var income = Categories(t.IncomeCategories, t.Income, "收入合计", zh);
        var spent = Categories(t.ExpenditureKinds, t.Expenditure, "支出合计", zh);
        return zh
            ? $"{year}年度收、支总计{W(total)}万元，比上年{(up ? "增加" : "减少")}{W(up ? change : -change)}万元" +
              $"{percent}。" +
              $"本年收入合计{Wd(t.Income)}万元{AgainstLastYear(t.Income, t.PreviousIncome, zh)}，其中：{income}。" +
              $"本年支出合计{Wd(t.Expenditure)}万元" +
              $"{AgainstLastYear(t.Expenditure, t.PreviousExpenditure, zh)}，其中：{spent}。"
            : $"{year} total income and expenditure {W(total)} (10k yuan), " +
              $"{W(up ? change : -change)} {(up ? "more" : "less")} than {year - 1}{percent}. " +
              $"Income {Wd(t.Income)}{AgainstLastYear(t.Income, t.PreviousIncome, zh)}: {income}. " +
              $"Expenditure {Wd(t.Expenditure)}{AgainstLastYear(t.Expenditure, t.PreviousExpenditure, zh)}: {spent}.";
    }

    /// <summary>，比上年增加…万元，增长…% (nothing without a last year, or when last year had none).</summary>
    private static string AgainstLastYear(decimal current, decimal? previous, bool zh)
    {
        if (previous is not { } last || last == 0m) return "";
        var change = Money.Of(current) - Money.Of(last);
        var up = !change.IsNegative;
        var percent = Rounding.Percent(up ? change : -change, Money.Of(last)).ToString("0.00", CultureInfo.InvariantCulture);
        return zh ? $"，比上年{(up ? "增加" : "减少")}{W(up ? change : -change)}万元，{(up ? "增长" : "下降")}{percent}%"
            : $", {W(up ? change : -change)} {(up ? "more" : "less")} than last year ({(up ? "+" : "−")}{percent}%)";
    }

    /// <summary>Every category with its share of the whole, zero ones too, the shares footing to 100.00%.</summary>
    private static string Categories(IReadOnlyList<Reporting.CategoryFigure> categories, decimal whole, string of, bool zh)
    {
        var shares = Rounding.FootingShares(categories.Select(c => Money.Of(c.Amount)).ToList(), Money.Of(whole));
        return string.Join(zh ? "；" : ", ", categories.Select((c, i) => zh
            ? $"{c.Name}{Wd(c.Amount)}万元，占{of}的{shares[i]:0.00}%"
            : $"{c.Key} {Wd(c.Amount)} ({shares[i]:0.00}%)"));
    }

    /// <summary>
    /// 注 after a list of shares that foot: which part took the rounding residue and what it is rounded alone, so a reader
    /// comparing with a table that rounds each share on its own sees why they differ; null when no part took one.
    /// </summary>
    public static string? ShareResidue(IReadOnlyList<(string Name, decimal Amount)> parts, decimal whole, bool zh)
    {
        if (Rounding.ShareResidue(parts.Select(p => Money.Of(p.Amount)).ToList(), Money.Of(whole)) is not { } r) return null;
        var points = Math.Abs(r.Residue).ToString("0.00", CultureInfo.InvariantCulture);
        var alone = r.Alone.ToString("0.00", CultureInfo.InvariantCulture);
        return zh
            ? $"注：各项占比分别四舍五入后合计不为100.00%，" +
              $"尾差{points}个百分点计入“{parts[r.Part].Name}”（单独四舍五入为{alone}%）。"
            : $"Note: the shares rounded one by one do not sum to 100.00%; the residue of {points} points is in " +
              $"{parts[r.Part].Name} ({alone}% rounded alone).";
    }

    /// <summary>The residue note of 二's 收入 and 支出 lists (<see cref="ShareResidue"/>), those that have one.</summary>
    public static IEnumerable<string> OverallResidues(Reporting.ReportTotals t, bool zh) =>
        new[] { (t.IncomeCategories, t.Income), (t.ExpenditureKinds, t.Expenditure) }
            .Select(l => ShareResidue(l.Item1.Select(c => (zh ? c.Name : c.Key, c.Amount)).ToList(), l.Item2, zh)).OfType<string>();

    public static string GeneralBudgetByClass(int year, decimal total, IReadOnlyList<Reporting.VarianceNode> classes, bool zh)
    {
        // The shares foot to 100.00% as the published table does: the last class takes the rounding residue.
        var shares = Rounding.FootingShares(classes.Select(c => Money.Of(c.Final)).ToList(), Money.Of(total));
        var parts = classes.Select((c, i) => zh
            ? $"{c.Name ?? c.Code}{c.FinalWanYuan:0.00}万元，" +
              $"占本年财政拨款支出{shares[i]:0.00}%"
            : $"{c.Name ?? c.Code} {c.FinalWanYuan:0.00} ({shares[i]:0.00}%)");
        return zh
            ? $"{year}年度一般公共预算财政拨款支出{Wd(total)}万元，" +
              $"主要用于以下方面（按大类）：{string.Join("；", parts)}。"
            : $"{year} general-budget appropriation expenditure {Wd(total)} (10k yuan), by class: {string.Join("; ", parts)}.";
    }

    /// <summary>A class's or section's sentence of the report; its number (<see cref="Numbered"/>) is put before it.</summary>
    public static string NodeLine(Reporting.VarianceNode node, string level, bool zh) => zh
        ? $"“{node.Name ?? node.Code}”({level}){node.Explanation}"
        : $"{node.Name ?? node.Code} ({node.Code}): {node.Explanation}";

    public static string Numbered(int number, bool zh) => zh ? $"{number}、" : $"{number}. ";

    public static string Basic(int year, Reporting.ReportTotals t, bool zh) => zh
        ? $"{year}年使用一般公共预算财政拨款安排基本支出{Wd(t.GeneralBudgetBasic)}万元。"
        : $"In {year}, basic expenditure from general-budget appropriations was {Wd(t.GeneralBudgetBasic)} (10k yuan).";

    public static string Identity(Reporting.FundIdentityFigures f, bool zh)
    {
        // 使用非财政拨款结余 and 结余分配 are named only when the year has them, as the seed (which has neither) prints it.
        var used = f.UsedSurplus is { } u ? zh ? $" + 使用非财政拨款结余{Wd(u)}万元" : $" + surplus used {Wd(u)}" : "";
        var distributed = f.Distributed is { } d ? zh ? $" + 结余分配{Wd(d)}万元" : $" + surplus distributed {Wd(d)}" : "";
        var total = f.Opening + f.Income + (f.UsedSurplus ?? 0m);
        var text = zh
            ? $"年初结转和结余{Wd(f.Opening)}万元 + 本年收入{Wd(f.Income)}万元{used} = " +
              $"本年支出{Wd(f.Expenditure)}万元{distributed} + 年末结转和结余{Wd(f.Closing)}万元 = {Wd(total)}万元。"
            : $"Opening balance {Wd(f.Opening)} + income {Wd(f.Income)}{used} = expenditure {Wd(f.Expenditure)}{distributed} + " +
              $"closing balance {Wd(f.Closing)} = {Wd(total)} (10k yuan).";
        if (f.Unresolved == 0m) return text;
        return text.Replace(zh ? $" = {Wd(total)}万元。" : $" = {Wd(total)} (10k yuan).", "") + (zh
            ? $"（年度尚未结账：另有{Wd(f.Unresolved)}万元尚未支出，也未结转或收回。）"
            : $" (The year is not closed: a further {Wd(f.Unresolved)} is neither spent nor carried or lapsed.)");
    }

    private static string Wd(decimal yuan) => W(Money.Of(yuan));

    /// <summary>万元 with 2 decimals, rounded once, half away from zero.</summary>
    public static string W(Money amount) => Rounding.ToWanYuanText(amount);
}
