using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FundLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FundLedger.Tests.Telemetry;

/// <summary>The service's own meter and spans say what happened to money, observed in-process as an exporter would.</summary>
public sealed class TelemetryTests(LedgerApp app) : LedgerTest(app), IDisposable
{
    private readonly ConcurrentBag<(string Name, decimal Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities = new()
    {
        ShouldListenTo = s => s.Name == "FundLedger",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private void Start(string district)
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "FundLedger") listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => _measurements.Add((i.Name, v, ToDictionary(tags))));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => _measurements.Add((i.Name, (decimal)v, ToDictionary(tags))));
        _meters.Start();
        _activities.ActivityStopped = a => { if (Equals(a.GetTagItem("fundledger.district"), district)) _spans.Add(a); };
        ActivitySource.AddActivityListener(_activities);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags) d[t.Key] = t.Value;
        return d;
    }

    [Fact]
    public async Task Recorded_refused_and_replayed_disbursements_are_measured_and_traced()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        Start(api.District);

        await api.Disburse("P001", "V1", 60.50m);
        await api.Disburse("P001", "V1", 60.50m);      // replay
        await api.Disburse("P001", "V2", 60.00m);      // budget exceeded

        Assert.Equal(1, _measurements.Where(m => m.Name == "fundledger.disbursements.recorded").Sum(m => m.Value));
        Assert.Equal(60.50m, _measurements.Where(m => m.Name == "fundledger.disbursements.amount").Sum(m => m.Value));
        Assert.Contains(_measurements,
            m => m.Name == "fundledger.idempotent_replays" && (string?)m.Tags["fundledger.operation"] == "disburse");
        Assert.Contains(_measurements, m => m.Name == "fundledger.refusals" && (string?)m.Tags["fundledger.problem"] == "budget-exceeded");
        Assert.Equal(["recorded", "refused", "replayed"],
            _spans.Where(s => s.DisplayName == "ledger disburse").Select(s => (string)s.GetTagItem("fundledger.outcome")!).Order());
    }

    [Fact]
    public async Task Performance_writes_are_traced_and_their_refusals_counted_like_every_other_write()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        Start(api.District);
        var goals = new
        {
            revision = 1, overallGoal = "g", setOn = "2020-01-01", reason = "r",
            indicators = new[]
            {
                new { code = "Q1", category = "quality", name = "n", target = "有效提升", direction = "qualitative", weight = 90 },
            },
        };

        await api.Post("appropriations/P001/performance/goals", goals);
        await api.Post("appropriations/P001/performance/evaluations", new
        {
            revision = 1, type = "self", evaluator = "e", evaluatedOn = "2020-12-01", completion = "c", executionScore = 10,
            results = new[] { new { indicator = "Q1", actual = "有效提升", score = 90 } },
        });

        Assert.Contains(_measurements, m => m.Name == "fundledger.refusals" && (string?)m.Tags["fundledger.operation"] == "evaluate"
            && (string?)m.Tags["fundledger.problem"] == "year-not-over");
        Assert.Equal(["ledger evaluate:refused", "ledger performance-goals:recorded"],
            _spans.Where(s => s.DisplayName is "ledger performance-goals" or "ledger evaluate")
                .Select(s => $"{s.DisplayName}:{s.GetTagItem("fundledger.outcome")}").Order());
    }

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    [Fact]
    public void Without_an_OTLP_endpoint_no_exporter_is_registered()
    {
        // The shared test service has no OTEL_EXPORTER_OTLP_ENDPOINT, as a developer's run has none.
        Assert.Null(App.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(App.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(App.Services.GetService<OpenTelemetry.Logs.LoggerProvider>());
    }
}
