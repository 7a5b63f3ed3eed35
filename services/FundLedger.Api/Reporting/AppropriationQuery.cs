using FundLedger.Appropriations;
using System.Globalization;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>
/// Which page of a year's appropriations a reader asked for: a filter (text in the code, name, project code or
/// function class; kind; department), an order and a window. Applied on the server to the year's lines, so a district
/// with 10,000 appropriations sends a dashboard one page, never all of them. Without <c>limit</c> every match is answered.
/// </summary>
public sealed record AppropriationQuery(
    string? Text, AppropriationKind? Kind, string? Department, string Sort, bool Descending, int Offset, int? Limit)
{
    public const int MostPerPage = 500;

    private static readonly IReadOnlyDictionary<string, Func<Appropriation, string>> ByText =
        new Dictionary<string, Func<Appropriation, string>>
        {
            ["code"] = a => a.Code, ["name"] = a => a.Name, ["department"] = a => a.DepartmentCode,
            ["function-class"] = a => a.FunctionClass,
        };

    private static readonly IReadOnlyDictionary<string, Func<Appropriation, decimal>> ByFigure =
        new Dictionary<string, Func<Appropriation, decimal>>
        {
            ["adjusted"] = a => a.Adjusted.Yuan, ["executed"] = a => a.Executed.Yuan,
            ["rate"] = a => Rounding.Percent(a.Executed, a.Adjusted), ["available"] = a => a.Available.Yuan,
        };

    public static Validated<AppropriationQuery> Parse(
        string? q, string? kind, string? department, string? sort, string? order, string? offset, string? limit)
    {
        var f = new Fields();
        var text = f.Text("q", q, 100);
        AppropriationKind? k = kind is null ? null : f.Choice("kind", kind, Wire.Names<AppropriationKind>());
        sort ??= "code";
        if (!ByText.ContainsKey(sort) && !ByFigure.ContainsKey(sort))
            f.Add("sort", $"must be one of: {string.Join(", ", ByText.Keys.Concat(ByFigure.Keys))}");
        if (order is not (null or "asc" or "desc")) f.Add("order", "must be asc or desc");
        var from = Number(f, "offset", offset, 0, int.MaxValue) ?? 0;
        var size = Number(f, "limit", limit, 1, MostPerPage);
        return Validated<AppropriationQuery>.From(f, () =>
            new AppropriationQuery(string.IsNullOrWhiteSpace(text) ? null : text.Trim(), k, department, sort, order == "desc", from, size));
    }

    private static int? Number(Fields f, string field, string? value, int min, int max)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        f.Add(field, $"must be a whole number from {min} to {max}");
        return null;
    }

    /// <summary>The matching lines in order (ties by code), and how many matched before the window.</summary>
    public (IReadOnlyList<Appropriation> Page, int Total) Apply(IEnumerable<Appropriation> lines)
    {
        var matching = lines.Where(Matches).ToList();
        var ordered = ByText.TryGetValue(Sort, out var text)
            ? Descending ? matching.OrderByDescending(text, StringComparer.Ordinal) : matching.OrderBy(text, StringComparer.Ordinal)
            : Descending ? matching.OrderByDescending(ByFigure[Sort]) : matching.OrderBy(ByFigure[Sort]);
        var page = ordered.ThenBy(a => a.Code, StringComparer.Ordinal).Skip(Offset);
        return ((Limit is { } l ? page.Take(l) : page).ToList(), matching.Count);
    }

    private bool Matches(Appropriation a) =>
        (Kind is null || a.Kind == Kind) && (Department is null || a.DepartmentCode == Department) &&
        (Text is null || a.Code.Contains(Text, StringComparison.OrdinalIgnoreCase)
         || a.Name.Contains(Text, StringComparison.OrdinalIgnoreCase)
         || (a.ProjectCode?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false)
         || a.FunctionClass.StartsWith(Text, StringComparison.Ordinal));
}
