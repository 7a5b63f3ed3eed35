using System.Globalization;

namespace FundLedger;

/// <summary>
/// Reads an amount exactly as a client wrote it. Only plain decimal notation is money: an exponent,
/// NaN/Infinity, a third fractional digit or a 16th integer digit is refused rather than rounded.
/// </summary>
public static class MoneyParser
{
    public static bool TryParse(ReadOnlySpan<char> text, out Money money, out string error)
    {
        money = Money.Zero;
        var body = text.StartsWith("-") ? text[1..] : text;
        if (body.IsEmpty)
            return Fail("is empty", out error);

        var point = body.IndexOf('.');
        var integer = point < 0 ? body : body[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : body[(point + 1)..];

        if (integer.IsEmpty || !IsDigits(integer) || (point >= 0 && (fraction.IsEmpty || !IsDigits(fraction))))
            return Fail("must be a plain decimal number of 元 such as 1234.56 (no exponent, NaN or Infinity)", out error);
        if (fraction.Length > 2)
            return Fail("must have at most 2 fractional digits (分)", out error);
        if (integer.TrimStart('0').Length > 15)
            return Fail("must have at most 15 integer digits", out error);

        money = Money.Of(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        error = "";
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
