namespace FundLedger;

/// <summary>
/// The one place where figures are rounded for presentation: 万元, percentages and performance scores, all half away
/// from zero to two decimals, as the published 决算 reports do. Sums are always taken in 元 before rounding.
/// </summary>
public static class Rounding
{
    /// <summary>元 → 万元, 2 decimals.</summary>
    public static decimal ToWanYuan(Money amount) => decimal.Round(amount.Yuan / 10_000m, 2, MidpointRounding.AwayFromZero);

    /// <summary>part ÷ whole as a percentage with 2 decimals; 0 when the whole is 0 (执行率 of an empty line).</summary>
    public static decimal Percent(Money part, Money whole) =>
        whole.Yuan == 0m ? 0.00m : decimal.Round(part.Yuan * 100m / whole.Yuan, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>
    /// 元 → 万元 as text: 2 decimals, invariant digits (<c>3125.94</c>), as every generated sentence and table prints it.
    /// </summary>
    public static string ToWanYuanText(Money amount) =>
        ToWanYuan(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Shares of a whole that foot to 100.00% as a published table prints them: each part rounded on its own, and the last
    /// part that has money taking the residue (100.00 less the others), so 0.06 + 82.92 + 7.12 + 9.90 rather than 9.89 and
    /// 99.99; a zero part never shows a share. Parts that do not add up to the whole are rounded each on its own (there is
    /// nothing to foot).
    /// </summary>
    public static IReadOnlyList<decimal> FootingShares(IReadOnlyList<Money> parts, Money whole) => Footed(parts, whole).Shares;

    /// <summary>
    /// Where <see cref="FootingShares"/> differs from rounding each part on its own: the part that took the residue, its
    /// share rounded on its own, and the residue in percentage points; null when the shares foot without one.
    /// </summary>
    public static (int Part, decimal Alone, decimal Residue)? ShareResidue(IReadOnlyList<Money> parts, Money whole) =>
        Footed(parts, whole) is { Part: >= 0 } f && f.Shares[f.Part] != f.Alone ? (f.Part, f.Alone, f.Shares[f.Part] - f.Alone) : null;

    private static (List<decimal> Shares, int Part, decimal Alone) Footed(IReadOnlyList<Money> parts, Money whole)
    {
        var shares = parts.Select(p => Percent(p, whole)).ToList();
        var last = -1;
        for (var i = 0; i < parts.Count; i++)
            if (parts[i] != Money.Zero) last = i;
        if (last < 0 || whole.Yuan == 0m || parts.Sum(p => p.Yuan) != whole.Yuan) return (shares, -1, 0m);
        var alone = shares[last];
        shares[last] = 100.00m - shares.Where((_, i) => i != last).Sum();
        return (shares, last, alone);
    }

    /// <summary>An average per unit in 万元, 2 decimals (车均运行维护费); 0 when there is no unit.</summary>
    public static decimal PerUnitWanYuan(Money total, int units) =>
        units <= 0 ? 0.00m : decimal.Round(total.Yuan / units / 10_000m, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>A performance score (绩效评分) the rules compute, 2 decimals.</summary>
    public static decimal Score(decimal score) => decimal.Round(score, 2, MidpointRounding.AwayFromZero) + 0.00m;
}
