using System.Globalization;
using System.Text;

namespace FundLedger.Benchmarks;

/// <summary>
/// <c>--gate</c>: a change to the write path is held to the build before it. The baseline's published build
/// (FUNDLEDGER_BENCH_BASELINE, named by FUNDLEDGER_BENCH_BASELINE_NAME) and this one (FUNDLEDGER_BENCH_SERVICE) each run the
/// gate's phases on a fresh database of the same server, one after the other in one run; the table holds both, their
/// ratio, and the 64-client POST against raw inserts.
/// </summary>
public static class GateReport
{
    /// <summary>The new code must hold this share of the old on each measure.</summary>
    public const double Floor = 0.8;

    public static async Task<string> RunAsync(BenchOptions options, string server)
    {
        var baseline = Environment.GetEnvironmentVariable("FUNDLEDGER_BENCH_BASELINE")
            ?? throw new InvalidOperationException("Set FUNDLEDGER_BENCH_BASELINE (deploy/local/bench.sh --gate REF does).");
        var baselineName = Environment.GetEnvironmentVariable("FUNDLEDGER_BENCH_BASELINE_NAME") ?? "baseline";
        var currentName = Environment.GetEnvironmentVariable("FUNDLEDGER_BENCH_CURRENT_NAME") ?? "this tree";
        Console.Error.WriteLine($"gate: {baselineName} first");
        var before = await Bench.RunAsync(options, server, baseline);
        Console.Error.WriteLine($"gate: {currentName}");
        var after = await Bench.RunAsync(options, server);
        return Markdown(before, after, baselineName, currentName);
    }

    private static string Markdown(BenchReport before, BenchReport after, string baselineName, string currentName)
    {
        var rows = new List<(string Measure, double Before, double After)>
        {
            ($"POST, {before.Clients} clients (/s)", before.Post.PerSecond, after.Post.PerSecond),
            ("POST, 64 clients (/s)", before.PostMany.PerSecond, after.PostMany.PerSecond),
            ($"POST on one hot appropriation, {before.Clients} clients (/s)", before.PostHot.PerSecond, after.PostHot.PerSecond),
            ("batch of 1,000, 4 workers (disbursements/s)", before.Batch.PerSecond, after.Batch.PerSecond),
            ("full projection rebuild (events/s)", before.Rebuild.EventsPerSecond, after.Rebuild.EventsPerSecond),
        };
        var text = new StringBuilder();
        text.AppendLine($"Machine: {after.Machine}; {after.PhaseSeconds:F0} s per phase; each build on a fresh database of the same " +
            $"server, {baselineName} first, then {currentName}, in one run.");
        text.AppendLine();
        text.AppendLine($"| measure | {baselineName} | {currentName} | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (measure, old, now) in rows)
        {
            var ratio = now / old;
            var met = ratio >= Floor ? "yes" : "**no**";
            text.AppendLine($"| {measure} | {N(old)} | {N(now)} | {ratio:F2}× | ≥ {Floor:F1}× | {met} |");
        }
        var raw = after.PostMany.PerSecond / after.RawInsertMany.PerSecond;
        var rawBefore = before.PostMany.PerSecond / before.RawInsertMany.PerSecond;
        text.AppendLine($"| POST vs raw insert (pgbench), 64 clients | {rawBefore:F2}× of {N(before.RawInsertMany.PerSecond)} | " +
            $"{raw:F2}× of {N(after.RawInsertMany.PerSecond)} |  | ≥ 0.5× | {(raw >= 0.5 ? "yes" : "**no**")} |");
        text.AppendLine($"| POST p99, {before.Clients} / 64 clients (ms) | {before.Post.P99:F1} / {before.PostMany.P99:F1} | " +
            $"{after.Post.P99:F1} / {after.PostMany.P99:F1} |  |  |  |");
        text.AppendLine($"| rebuilt events; rebuild peak RSS (MB) | {N(before.Rebuild.Events)}; {before.Rebuild.PeakRssMb:F0} | " +
            $"{N(after.Rebuild.Events)}; {after.Rebuild.PeakRssMb:F0} |  |  |  |");
        text.AppendLine($"| service peak RSS (MB) | {before.PeakRssMb:F0} | {after.PeakRssMb:F0} |  |  |  |");
        return text.ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
