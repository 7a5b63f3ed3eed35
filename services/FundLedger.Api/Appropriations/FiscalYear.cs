namespace FundLedger.Appropriations;

/// <summary>A district's fiscal year as a whole: open until <see cref="FiscalYearClosed"/> is recorded.</summary>
public sealed record FiscalYear
{
    public string Id { get; init; } = "";
    public int Year { get; init; }
    public bool Closed { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public Money Lapsed { get; init; }

    public static string KeyFor(int year) => $"fiscal-year/{year}";

    /// <summary>The fiscal year's fold: its stream holds one event, the close.</summary>
    public static FiscalYear Fold(FiscalYearClosed e) => new()
    {
        Id = KeyFor(e.Year), Year = e.Year, Closed = true, ClosedAt = e.RecordedAt, Lapsed = e.Lapsed,
    };
}
