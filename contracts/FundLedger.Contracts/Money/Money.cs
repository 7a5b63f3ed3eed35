using System.Globalization;

namespace FundLedger;

/// <summary>
/// 金额: an exact amount in 元 with exactly two fractional digits. The only money type in the service;
/// no binary floating point ever touches it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money : IComparable<Money>
{
    /// <summary>15 integer digits: more than any district budget, and safely inside numeric and decimal.</summary>
    public const decimal Limit = 999_999_999_999_999.99m;

    public static readonly Money Zero = new(0m);

    private readonly decimal _yuan;

    private Money(decimal yuan) => _yuan = decimal.Round(yuan, 2) + 0.00m;

    // Sums and differences of amounts at scale 2 are exact at scale 2: nothing to round. The reports add millions of
    // amounts a read, and rounding each sum cost more than the sums (120 ns an addition against a few).
    private Money(decimal exact, bool _) => _yuan = exact;

    /// <summary>The amount in 元, always at scale 2 (so it serialises as "12.30", never "12.3").</summary>
    public decimal Yuan => _yuan + 0.00m;

    /// <summary>Makes money from a decimal that must already be exact to the 分.</summary>
    public static Money Of(decimal yuan)
    {
        if (decimal.Round(yuan, 2) != yuan)
            throw new ArgumentException($"{yuan} has more than two fractional digits", nameof(yuan));
        if (Math.Abs(yuan) > Limit)
            throw new ArgumentOutOfRangeException(nameof(yuan), "more than 15 integer digits");
        return new Money(yuan);
    }

    public bool IsPositive => _yuan > 0m;
    public bool IsNegative => _yuan < 0m;

    public static Money operator +(Money a, Money b) => new(a._yuan + b._yuan, true);
    public static Money operator -(Money a, Money b) => new(a._yuan - b._yuan, true);
    public static Money operator -(Money a) => new(-a._yuan);
    public static bool operator <(Money a, Money b) => a._yuan < b._yuan;
    public static bool operator >(Money a, Money b) => a._yuan > b._yuan;
    public static bool operator <=(Money a, Money b) => a._yuan <= b._yuan;
    public static bool operator >=(Money a, Money b) => a._yuan >= b._yuan;

    public static Money Min(Money a, Money b) => a <= b ? a : b;
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    public int CompareTo(Money other) => _yuan.CompareTo(other._yuan);

    public override string ToString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture);
}

public static class MoneySums
{
    public static Money Sum<T>(this IEnumerable<T> items, Func<T, Money> amount) =>
        items.Aggregate(Money.Zero, (total, item) => total + amount(item));
}
