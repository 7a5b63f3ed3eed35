using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundLedger.Tests.Infrastructure.Otlp;

/// <summary>
/// An OTLP/HTTP receiver (protobuf, the collector's port-4318 protocol) on a loopback port: what a collector
/// would receive from the service, decoded and kept for assertions.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<ReceivedSpan> Spans { get; } = new();
    public ConcurrentQueue<ReceivedMetric> Metrics { get; } = new();
    public ConcurrentQueue<ReceivedLog> Logs { get; } = new();
    public ConcurrentQueue<string> ContentTypes { get; } = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint => _app.Urls.First();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", (HttpRequest r) =>
            receiver.Accept(r, body => { foreach (var s in OtlpDecoder.Spans(body)) receiver.Spans.Enqueue(s); }));
        app.MapPost("/v1/metrics", (HttpRequest r) =>
            receiver.Accept(r, body => { foreach (var m in OtlpDecoder.Metrics(body)) receiver.Metrics.Enqueue(m); }));
        app.MapPost("/v1/logs", (HttpRequest r) =>
            receiver.Accept(r, body => { foreach (var l in OtlpDecoder.Logs(body)) receiver.Logs.Enqueue(l); }));
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> Accept(HttpRequest request, Action<ReadOnlyMemory<byte>> decode)
    {
        ContentTypes.Enqueue(request.ContentType ?? "");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        decode(buffer.ToArray());
        // An empty Export*ServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
