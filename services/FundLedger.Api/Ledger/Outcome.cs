using FundLedger.Hosting;

namespace FundLedger.Ledger;

/// <summary>What a decision made of a request: an answer to give (and remember), or a refusal.</summary>
public readonly record struct Outcome(Refusal? Refusal, int Status, object? Body, string? Location = null)
{
    public static Outcome Refused(Refusal refusal) => new(refusal, 0, null);
    public static Outcome Answer(int status, object body, string? location = null) => new(null, status, body, location);
}
