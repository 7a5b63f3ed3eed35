using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundLedger.Tests.Infrastructure.Otlp;

/// <summary>
/// An OTLP receiver on a loopback port, over HTTP (protobuf, the collector's port-4318 protocol) or gRPC (port 4317):
/// what a collector would receive from the service, decoded and kept for assertions.
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

    /// <summary>
    /// OTLP/HTTP protobuf on its /v1/… paths, or with <paramref name="grpc"/> OTLP/gRPC (the collector's port-4317
    /// protocol and the exporter's default): the same messages framed as gRPC over cleartext HTTP/2.
    /// </summary>
    public static async Task<OtlpReceiver> StartAsync(bool grpc = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        var (traces, metrics, logs) = grpc
            ? ("/opentelemetry.proto.collector.trace.v1.TraceService/Export",
               "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
               "/opentelemetry.proto.collector.logs.v1.LogsService/Export")
            : ("/v1/traces", "/v1/metrics", "/v1/logs");
        app.MapPost(traces, (HttpContext c) =>
            receiver.Accept(c, grpc, body => { foreach (var s in OtlpDecoder.Spans(body)) receiver.Spans.Enqueue(s); }));
        app.MapPost(metrics, (HttpContext c) =>
            receiver.Accept(c, grpc, body => { foreach (var m in OtlpDecoder.Metrics(body)) receiver.Metrics.Enqueue(m); }));
        app.MapPost(logs, (HttpContext c) =>
            receiver.Accept(c, grpc, body => { foreach (var l in OtlpDecoder.Logs(body)) receiver.Logs.Enqueue(l); }));
        await app.StartAsync();
        return receiver;
    }

    private async Task Accept(HttpContext context, bool grpc, Action<ReadOnlyMemory<byte>> decode)
    {
        ContentTypes.Enqueue(context.Request.ContentType ?? "");
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!grpc)
        {
            decode(body);
            // An empty Export*ServiceResponse: full success.
            context.Response.ContentType = "application/x-protobuf";
            return;
        }
        // gRPC length-prefixed messages: a compressed flag (the exporter does not compress), a big-endian length.
        for (var at = 0; at + 5 <= body.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1, 4));
            decode(body.AsMemory(at + 5, length));
            at += 5 + length;
        }
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]);   // one empty response message
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
