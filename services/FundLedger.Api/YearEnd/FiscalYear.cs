using Marten.Events.Aggregation;

namespace FundLedger.YearEnd;

/// <summary>A district's fiscal year as a whole: open until <see cref="FiscalYearClosed"/> is recorded.</summary>
public sealed record FiscalYear
{
    public string Id { get; init; } = "";
    public int Year { get; init; }
    public bool Closed { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public Money Lapsed { get; init; }

    public static string KeyFor(int year) => $"fiscal-year/{year}";
}

public sealed partial class FiscalYearProjection : SingleStreamProjection<FiscalYear, string>
{
    public FiscalYear Create(FiscalYearClosed e) => new()
    {
        Id = FiscalYear.KeyFor(e.Year), Year = e.Year, Closed = true, ClosedAt = e.RecordedAt, Lapsed = e.Lapsed,
    };
}
