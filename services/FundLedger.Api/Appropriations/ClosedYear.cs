using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>A closed year accepts no further money events (invariant 7).</summary>
public static class ClosedYear
{
    public static Refusal Refusal(int year) => Kernel.Refusal.Conflict("year-closed", $"The fiscal year {year} is closed",
        $"The district closed {year}: its balances lapsed or were carried forward, and it accepts no further money events. " +
        $"Nothing was recorded.");

    public static Refusal? Check(Appropriation line) => line.Closed ? Refusal(line.Year) : null;
}
