using FundLedger.Appropriations;
using FundLedger.Kernel;

namespace FundLedger.Reporting;

/// <summary>The query options the department-level reads share: <c>lang</c>, <c>format</c> and <c>department</c>.</summary>
public static class ReadOptions
{
    /// <summary><c>lang</c> zh (default) or en; <c>format</c> json (default) or markdown, where the endpoint offers one.</summary>
    public static Refusal? Check(string? lang, string? format, out Language language)
    {
        var f = new Fields();
        language = Language.Parse(f, lang);
        if (format is not (null or "json" or "markdown")) f.Add("format", "must be json or markdown");
        return f.Ok ? null : f.Refusal();
    }

    /// <summary>
    /// The department a report is about: the one asked for, or the year's only one; refused when it has no appropriation.
    /// </summary>
    public static (string? Code, Refusal? Refusal) Department(int year, string? department, IEnumerable<Appropriation> lines)
    {
        var departments = lines.Where(a => a.Year == year).Select(a => a.DepartmentCode).Distinct().ToList();
        department ??= departments.Count == 1 ? departments[0] : null;
        if (department is null)
            return (null, Refusal.Invalid("department",
                $"is required: {year} has {departments.Count} departments ({string.Join(", ", departments.Order())})"));
        return departments.Contains(department) ? (department, null)
            : (null, Refusal.NotFound("department", $"Department {department} has no appropriations in {year}."));
    }
}
