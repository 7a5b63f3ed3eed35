using System.Globalization;
using FundLedger.YearEnd;

namespace FundLedger.Reporting;

/// <summary>
/// The one place where variance explanations are worded, in the style of a 部门决算说明 (zh) and in English.
/// The text names the material reasons (at least 1% of the change), largest first, at most
/// <see cref="MostListed"/>; 等 ("and others") ends the list when a material reason did not fit. Immaterial
/// reasons stay in the answer's reasons[] with their events, unnamed in the text, as a 决算说明 would.
/// </summary>
public static class VarianceFormatter
{
    public const int MostListed = 6;

    public static string Explain(int year, Money original, Money final, IReadOnlyList<VarianceReason> reasons, string lang)
    {
        var zh = lang != "en";
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

    private static (List<VarianceReason> Listed, bool Truncated) Select(IReadOnlyList<VarianceReason> reasons, Money change)
    {
        var material = reasons.Where(r => Math.Abs(r.Effect.Yuan) * 100m >= Math.Abs(change.Yuan))
            .OrderByDescending(r => Math.Abs(r.Effect.Yuan)).ToList();
        return (material.Take(MostListed).ToList(), material.Count > MostListed);
    }

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
            ? $"{year}年度决算{W(final)}万元，比{year}年年初预算{(up ? "增加" : "减少")}{W(up ? change : -change)}万元，{(up ? "增长" : "下降")}{percent}%。"
            : $"{year} final {W(final)} (10k yuan), {W(up ? change : -change)} {(up ? "above" : "below")} the {year} original budget of {W(original)} ({(up ? "+" : "−")}{percent}%).";
    }

    private static string Group(ReasonKind kind, IReadOnlyList<VarianceReason> items, bool zh) => kind switch
    {
        ReasonKind.CarryForward => string.Join(zh ? "；" : "; ", items.Select(r => zh
            ? $"{r.Label}{W(-r.Effect)}万元未支出，作为{(r.CarryKind == CarryForwardKind.TreasuryReturnable ? "财政应返还额度" : "单位结转资金")}结转至{r.IntoYear}年"
            : $"{r.Label} {W(-r.Effect)} unspent, carried forward into {r.IntoYear} as {(r.CarryKind == CarryForwardKind.TreasuryReturnable ? "treasury-returnable quota" : "funds retained by the unit")}")),
        ReasonKind.Supplement => (zh ? "财政追加" : "supplements: ") + List(items, 1, zh),
        ReasonKind.Reduction => (zh ? "收回" : "reductions: ") + List(items, -1, zh),
        ReasonKind.Lapse => zh ? $"{List(items, -1, zh)}未支出，年终收回" : $"{List(items, -1, zh)} unspent, lapsed at year end",
        _ => "",
    };

    private static string List(IEnumerable<VarianceReason> items, int sign, bool zh) =>
        string.Join(zh ? "、" : ", ", items.Select(r => zh ? $"{r.Label}{W(sign > 0 ? r.Effect : -r.Effect)}万元" : $"{r.Label} {W(sign > 0 ? r.Effect : -r.Effect)}"));

    private static string Unexplained(Money effect, bool zh) => effect.IsNegative
        ? zh ? $"另有{W(-effect)}万元尚未支出，也未结转或收回（年度尚未结账），已记录的事件不能说明其原因。"
             : $" A further {W(-effect)} is unspent and neither carried forward nor lapsed (the year is not closed); no recorded event explains it."
        : zh ? $"另有{W(effect)}万元超出调整后预算支出，已记录的事件不能说明其原因。"
             : $" A further {W(effect)} was spent beyond the adjusted budget; no recorded event explains it.";

    /// <summary>万元 with 2 decimals, rounded once, half away from zero.</summary>
    public static string W(Money amount) => Rounding.ToWanYuan(amount).ToString("0.00", CultureInfo.InvariantCulture);
}
