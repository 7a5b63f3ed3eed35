using System.Text;
using FundLedger.Kernel;
using FundLedger.Http;

namespace FundLedger.Ledger;

/// <summary>What a write decided: the answer to give (and remember under its keys), or why it was refused.</summary>
public readonly record struct Decided(Refusal? Refusal, int Status, object? Body, string? Location)
{
    public static Decided Refused(Refusal refusal) => new(refusal, 0, null, null);
    public static Decided Answer(int status, object body, string? location = null) => new(null, status, body, location);
}

/// <summary>
/// What a caller is told once its group has settled: the exact bytes remembered for its keys (recorded now, or
/// replayed from an earlier request), or a refusal. Never "recorded" before the commit succeeded.
/// </summary>
public sealed record WriteAnswer(int Status, string Body, string? Location, bool Replayed, Refusal? Refusal)
{
    public static WriteAnswer Recorded(int status, string body, string? location) => new(status, body, location, false, null);
    public static WriteAnswer Replay(IdempotencyRecord earlier) => new(earlier.Status, earlier.Body, earlier.Location, true, null);
    public static WriteAnswer Refused(Refusal refusal) => new(refusal.Status, "", null, false, refusal);
    public static WriteAnswer Unavailable(Refusal refusal) =>
        Refused(refusal) with { RetryAfter = FundLedger.Http.Unavailable.RetryAfterSeconds };

    /// <summary>Seconds a client should wait before sending the write again (503 only).</summary>
    public int? RetryAfter { get; init; }

    /// <summary>The answer's object before serialisation, when it was decided now (not a replay).</summary>
    public object? Value { get; init; }

    /// <summary>Writes the exact bytes remembered for the key, so a replay is indistinguishable from the original.</summary>
    public IResult ToResult(HttpContext http)
    {
        if (RetryAfter is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Refusal is { } refusal ? refusal.ToResult(http) : new StoredAnswer(this);
    }

    private sealed class StoredAnswer(WriteAnswer answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
            if (answer.Replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(answer.Body, Encoding.UTF8);
        }
    }
}
