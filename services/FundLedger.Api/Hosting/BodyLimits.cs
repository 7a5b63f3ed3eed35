using Microsoft.AspNetCore.Http.Metadata;

namespace FundLedger.Hosting;

/// <summary>
/// Request body limits: <see cref="Default"/> for every endpoint, more where an endpoint says so with
/// [RequestSizeLimit] (the batch). A body that declares itself too large is refused with 413 before it is read;
/// one that turns out too large while streaming is stopped by Kestrel at the same limit.
/// </summary>
public sealed class BodyLimits(RequestDelegate next)
{
    public const long Default = 64 * 1024;
    public const long Batch = 2 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? Default;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            await new Refusal(413, "body-too-large", "The request body is too large",
                $"This endpoint accepts at most {limit} bytes; the request declared {length}. Nothing was recorded.").ToResult(context).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
