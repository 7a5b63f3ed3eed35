using Microsoft.AspNetCore.Http.Metadata;
using FundLedger.Kernel;

namespace FundLedger.Http;

/// <summary>
/// Checks of a request body before anything reads it. Size: <see cref="Default"/> for every endpoint, more where an
/// endpoint says so with [RequestSizeLimit] (the batch); a body that declares itself too large is 413, one that
/// turns out too large while streaming is stopped by Kestrel at the same limit. Type: a body must say it is JSON
/// (415 otherwise), rather than being guessed at.
/// </summary>
public sealed class BodyChecks(RequestDelegate next)
{
    public const long Default = 64 * 1024;
    public const long Batch = 2 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Default;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            await new Refusal(413, "body-too-large", "The request body is too large",
                $"This endpoint accepts at most {limit} bytes; the request declared {length}. Nothing was recorded.")
                .ToResult(context).ExecuteAsync(context);
            return;
        }
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        var type = context.Request.ContentType;
        if (hasBody && (type is null || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                          || type.Contains("+json", StringComparison.OrdinalIgnoreCase))))
        {
            await new Refusal(415, "unsupported-media-type", "The request body must be JSON",
                $"Send Content-Type: application/json (this request said {type ?? "nothing"}). Nothing was recorded.")
                .ToResult(context).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
