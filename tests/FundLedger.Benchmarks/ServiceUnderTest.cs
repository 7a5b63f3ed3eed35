using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FundLedger.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FundLedger.Benchmarks;

/// <summary>
/// The service as production runs it: its Release binary in a process of its own, Production environment, and
/// telemetry on, exporting over OTLP to a sink in this process that accepts and drops everything.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly WebApplication _sink;

    private ServiceUnderTest(Process process, WebApplication sink, string url, AuthSettings auth)
    {
        _process = process;
        _sink = sink;
        Url = url;
        Auth = auth;
    }

    public string Url { get; }
    public AuthSettings Auth { get; }
    public int ProcessId => _process.Id;

    /// <summary>
    /// The service's binary: the published build with pre-generated code that bench.sh makes (FUNDLEDGER_BENCH_SERVICE),
    /// run Static as the container image runs it, or else (the smoke test) the build beside this one, compiling its code.
    /// The gate (<c>--gate</c>) starts another published build, the baseline's, in a directory of its own.
    /// </summary>
    public static string ApiDll => DllIn(Published);

    public static string DllIn(string? published) => Path.Combine(published ?? AppContext.BaseDirectory, "FundLedger.Api.dll");

    private static string? Published => Environment.GetEnvironmentVariable("FUNDLEDGER_BENCH_SERVICE");

    public static string CodeGeneration => Published is null ? "Dynamic" : "Static";

    /// <summary>The binary this process runs.</summary>
    public string Dll { get; private init; } = ApiDll;

    public static async Task<ServiceUnderTest> StartAsync(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? published = null)
    {
        var dll = published is null ? ApiDll : DllIn(published);
        var sinkBuilder = WebApplication.CreateSlimBuilder();
        sinkBuilder.Logging.ClearProviders();
        sinkBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var sink = sinkBuilder.Build();
        sink.MapPost("/v1/{signal}", async (HttpRequest r) =>
        {
            await r.Body.CopyToAsync(Stream.Null);
            return Results.Bytes([], "application/x-protobuf");
        });
        await sink.StartAsync();

        var auth = new AuthSettings("fundledger-bench", "fundledger", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)), null);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__FundLedger"] = connectionString,
                ["Auth__Issuer"] = auth.Issuer, ["Auth__Audience"] = auth.Audience, ["Auth__SigningKey"] = auth.SigningKey,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Urls.First(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=benchmark",
                ["FundLedger__CodeGeneration"] = published is null ? CodeGeneration : "Static",
            },
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[service] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceUnderTest(process, sink, url, auth) { Dll = dll };

        using var probe = new HttpClient { BaseAddress = new Uri(url) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the service exited with {process.ExitCode}");
            try { if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode) return service; }
            catch (HttpRequestException) { }
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the service did not become ready");
            await Task.Delay(100);   // polling a starting process for readiness, not synchronising a test
        }
    }

    public string Token(string district, string subject = "bench") =>
        TokenCommand.Mint(Auth, subject, "bench-client", [district], Scopes.All, TimeSpan.FromHours(4), null);

    /// <summary>Peak resident set size of the service process (VmHWM), in MB.</summary>
    public double PeakRssMb() => (PeakRssKb(_process.Id) ?? 0) / 1024.0;

    /// <summary>A process's peak resident set (VmHWM) in kB, or null once it has gone.</summary>
    public static long? PeakRssKb(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:"));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException) { return null; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
        await _sink.DisposeAsync();
    }
}
