using System.Text.RegularExpressions;
using FundLedger.Kernel;

namespace FundLedger.Http;

/// <summary>Checks of the path: the district (tenant) and the fiscal year.</summary>
public static partial class PathChecks
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>A district-level path (the audit feed), which has no year.</summary>
    public static Refusal? CheckDistrict(string district) => Check(district, FirstYear);

    public static Refusal? Check(string district, int year)
    {
        var fields = new Fields();
        if (!DistrictPattern().IsMatch(district)) fields.Add("district", "must be a 6-digit administrative division code such as 110106");
        if (year is < FirstYear or > LastYear) fields.Add("year", $"must be a fiscal year between {FirstYear} and {LastYear}");
        return fields.Ok ? null : fields.Refusal();
    }

    /// <summary>The path of a write, and its Idempotency-Key header.</summary>
    public static Refusal? CheckWrite(string district, int year, string? idempotencyKey) =>
        Check(district, year) ?? Headers.CheckIdempotencyKey(idempotencyKey);

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex DistrictPattern();
}
