using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FundLedger.Tests.Infrastructure.Otlp;

public static class TelemetryFlush
{
    /// <summary>Exports what the service has buffered, so that a receiver holds it before the test reads it.</summary>
    public static void FlushTelemetry(this LedgerApp app)
    {
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(app.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));
    }
}
