using FundLedger.Telemetry;
using Polly;
using Polly.Retry;
using FundLedger.Store;

namespace FundLedger.Hosting;

/// <summary>
/// Reads (GET, HEAD) that fail because the database dropped a connection or briefly could not be reached are run again,
/// whole, a bounded number of times with jittered exponential backoff (about 0.1, 0.2, 0.4 s), before the failure is
/// answered 503. Only while nothing of the answer has been sent; writes are never retried here (the group commit
/// settles them, and a client retry with the same key is safe).
/// </summary>
public sealed class ReadRetry(RequestDelegate next)
{
    public const int MaxRetries = 3;
    private static readonly ResiliencePropertyKey<HttpContext> Request = new("fundledger.request");

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetries,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && DatabaseFailures.IsUnavailable(e)
                && args.Context.Properties.TryGetValue(Request, out var http) && !http.Response.HasStarted),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(Request, out var http)) http.Response.Clear();
                LedgerTelemetry.ReadRetries.Add(1);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next(http);
            return;
        }
        var context = ResilienceContextPool.Shared.Get(http.RequestAborted);
        context.Properties.Set(Request, http);
        try { await Pipeline.ExecuteAsync(static async (_, state) => await state.next(state.http), context, (next, http)); }
        finally { ResilienceContextPool.Shared.Return(context); }
    }
}
