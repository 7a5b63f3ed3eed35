using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>Checks shared by the goals and the evaluation: revisions, weights and scores, and what can be evaluated.</summary>
public static class Points
{
    public static int Revision(Fields f, string field, int? value)
    {
        if (value is null) { f.Add(field, "is required"); return 0; }
        if (value < 1) f.Add(field, "must be 1 or more");
        return value.Value;
    }

    /// <summary>A weight (分值): more than 0, at most 100, at most 2 decimals.</summary>
    public static decimal Weight(Fields f, string field, decimal? value) => Check(f, field, value, mustBePositive: true);

    /// <summary>A score (得分): at least 0, at most 100, at most 2 decimals; its own weight is checked against the goals.</summary>
    public static decimal Score(Fields f, string field, decimal? value) => Check(f, field, value, mustBePositive: false);

    private static decimal Check(Fields f, string field, decimal? value, bool mustBePositive)
    {
        if (value is not { } v) { f.Add(field, "is required"); return 0m; }
        if (mustBePositive ? v <= 0m : v < 0m) f.Add(field, mustBePositive ? "must be greater than 0" : "must not be negative");
        else if (v > Scoring.FullMarks) f.Add(field, $"must be at most {Scoring.FullMarks:0}");
        else if (decimal.Round(v, 2) != v) f.Add(field, "must have at most 2 decimals");
        return Normalize(v);
    }

    /// <summary>The largest measured value (A or B of a rule) the service takes: a trillion of any unit.</summary>
    public const decimal MostMeasure = 1_000_000_000_000m;

    /// <summary>
    /// A measured value (年度指标值 A, 实际完成值 B): at most <see cref="MostMeasure"/>, at most 6 decimals, greater than 0
    /// for a target (it divides) and not negative for an actual value.
    /// </summary>
    public static void Measure(Fields f, string field, decimal? value, bool target)
    {
        if (value is not { } v) return;
        if (target ? v <= 0m : v < 0m) f.Add(field, target ? "must be greater than 0" : "must not be negative");
        else if (v > MostMeasure) f.Add(field, $"must be at most {MostMeasure:0}");
        else if (decimal.Round(v, 6) != v) f.Add(field, "must have at most 6 decimals");
    }

    /// <summary>10, 10.0 and 10.00 are one figure: trailing zeros dropped, so a retry is recognised whatever its spelling.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static Refusal? NotAProject(Appropriation line) => line.Kind == AppropriationKind.Project ? null
        : Refusal.Conflict("not-a-project", "Only project appropriations have performance goals",
            $"Appropriation {line.Code} is 基本支出 (basic); goals and evaluations belong to 项目支出. Nothing was recorded.");

    public static Refusal RevisionConflict(string what, string code, int sent, int expected) =>
        Refusal.Conflict("revision-conflict", $"Another revision of the {what} is expected",
            $"The {what} of appropriation {code} are at revision {expected - 1}; the next one is {expected}, not {sent}. " +
            "Read the project's performance and send the next revision. Nothing was recorded.");
}
