using Microsoft.AspNetCore.Diagnostics;
using FundLedger.Kernel;
using FundLedger.Http;
using FundLedger.Store;

namespace FundLedger.Hosting;

/// <summary>
/// The answer to an exception no endpoint handled: 503 <c>database-unavailable</c> with Retry-After for a database that
/// could not be used (counted, not logged per request: <see cref="DatabaseOutage"/> logs the outage once), and a 500
/// <c>internal-error</c> problem, logged with its stack trace, for anything else. Writes never reach here with a
/// database failure (the group commit answers them), so a write answered here was not handed to the ledger.
/// </summary>
public sealed partial class FailureAnswers(
    IProblemDetailsService problems, DatabaseOutage outage, LedgerDatabases databases, ILogger<FailureAnswers> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The client went away (its read was cancelled, a retry's wait included): nobody to answer, nothing to log.
        if (exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested) return true;
        Refusal refusal;
        if (DatabaseFailures.IsUnavailable(exception))
        {
            // The database of the request's district (every request that reads the ledger names one).
            var database = (http.GetRouteValue("district") as string is { } district ? databases.For(district) : null) ?? databases.All[0];
            outage.Report(database, exception);
            outage.Answered503(database);
            refusal = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? Unavailable.ReadFailed()
                : Unavailable.NotRecorded("the database could not be reached before the write was handed to the ledger");
            Unavailable.AddRetryAfter(http.Response);
        }
        else
        {
            LogUnexpected(log, exception, http.Request.Method, http.Request.Path);
            refusal = new Refusal(500, "internal-error", "The request could not be processed",
                "An unexpected error stopped the request; nothing was recorded by it. The error is logged with this request's trace id.");
        }
        http.Response.StatusCode = refusal.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = refusal.ToProblemDetails(http.Request.Path), Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception e, string method, string path);
}
