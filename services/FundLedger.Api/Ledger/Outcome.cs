using FundLedger.Hosting;

namespace FundLedger.Ledger;

/// <summary>What a decision made of a request: an answer to give (and remember), or a refusal.</summary>
/// <remarks><c>AfterCommit</c> runs only once the answer is committed, so a retried attempt is never counted twice.</remarks>
public readonly record struct Outcome(Refusal? Refusal, int Status, object? Body, string? Location = null, Action? AfterCommit = null)
{
    public static Outcome Refused(Refusal refusal) => new(refusal, 0, null);
    public static Outcome Answer(int status, object body, string? location = null, Action? afterCommit = null) => new(null, status, body, location, afterCommit);
}
