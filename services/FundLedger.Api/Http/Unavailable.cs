using FundLedger.Kernel;
namespace FundLedger.Http;

/// <summary>
/// The 503 answers (<c>database-unavailable</c>, with Retry-After) for a database that could not be used, each saying
/// what a client needs to know to retry safely: whether the write is known not to be recorded, or may have been.
/// </summary>
public static class Unavailable
{
    public const int RetryAfterSeconds = 1;
    public const string Type = "database-unavailable";
    private const string Title = "The ledger's database is unavailable";

    public static Refusal NotRecorded(string why) =>
        new(503, Type, Title, $"The write was not recorded: {why}. Send it again; nothing of it is in the ledger.");

    public static Refusal OutcomeUnknown() => new(503, Type, Title,
        "The connection to the database was lost while the write was being committed, so it may or may not have been recorded. " +
        "Send it again with the same voucher number or Idempotency-Key: " +
        "if it was recorded, the retry is answered with the original receipt.");

    public static Refusal ReadFailed() => new(503, Type, Title,
        "The database could not be reached to answer this read (it was tried again before giving up). Nothing was changed; send it again.");

    public static Refusal Starting(string waitingFor) => new(503, Type, "The service is starting",
        $"The service is waiting for its database ({waitingFor}); nothing was read or recorded. Send the request again.");

    /// <summary>The problem answer for a request, with Retry-After.</summary>
    public static IResult ToResult(Refusal refusal, HttpContext http)
    {
        AddRetryAfter(http.Response);
        return refusal.ToResult(http);
    }

    public static void AddRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
