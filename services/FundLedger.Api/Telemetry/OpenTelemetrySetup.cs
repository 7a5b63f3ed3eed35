using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FundLedger.Telemetry;

/// <summary>
/// Traces, metrics and logs over OTLP, configured only by the standard OTEL_* variables: with no
/// OTEL_EXPORTER_OTLP_ENDPOINT nothing is registered, so a developer's run pays nothing for it.
/// </summary>
public static class OpenTelemetrySetup
{
    public const string ServiceName = "fundledger";

    /// <summary>Sources traced from the HTTP request down to SQL (ASP.NET Core is added by its instrumentation).</summary>
    public static readonly string[] TraceSources = [LedgerTelemetry.Name, "Wolverine", "Npgsql"];

    /// <summary>Meters exported besides the runtime's and ASP.NET Core's. Wolverine names its meter "Wolverine:{app}".</summary>
    public static readonly string[] Meters = [LedgerTelemetry.Name, "Wolverine:*", "Npgsql"];

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;

        var version = typeof(OpenTelemetrySetup).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var environment = builder.Environment.EnvironmentName.ToLowerInvariant();
        builder.Services.AddOpenTelemetry()
            // Our defaults first, then the OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES variables, so an operator's
            // values win over ours.
            .ConfigureResource(resource => resource.Clear()
                .AddService(ServiceName, serviceVersion: version)
                .AddAttributes([new("deployment.environment", environment)])
                .AddTelemetrySdk()
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddSource(TraceSources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Meters))
            .WithLogging(logging => { }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            // One exporter for all three signals, reading OTEL_EXPORTER_OTLP_ENDPOINT/_PROTOCOL/_HEADERS.
            .UseOtlpExporter();
        return builder;
    }
}
