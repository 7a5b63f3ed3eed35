using System.Globalization;
using System.Text;

namespace FundLedger.Benchmarks;

/// <summary>
/// <c>--gate</c>: a change to the write path is held to the build before it. The baseline's published build
/// (FUNDLEDGER_BENCH_BASELINE, named by FUNDLEDGER_BENCH_BASELINE_NAME) and this one (FUNDLEDGER_BENCH_SERVICE) each run the
/// gate's phases on a fresh database of the same server, in one run and interleaved (baseline, this, baseline, this): one
/// round each moved by up to 2× between runs on this 2-core machine, so each side is the mean of its rounds, and the
/// table holds both sides, their ratio, and the 64-client POST against raw inserts.
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
        var befores = new List<BenchReport>();
        var afters = new List<BenchReport>();
        for (var round = 1; round <= Rounds; round++)
        {
            Console.Error.WriteLine($"gate round {round}: {baselineName}");
            befores.Add(await Bench.RunAsync(options, server, baseline));
            Console.Error.WriteLine($"gate round {round}: {currentName}");
            afters.Add(await Bench.RunAsync(options, server));
        }
        return Markdown(befores, afters, baselineName, currentName);
    }

    public const int Rounds = 2;

    private static string Markdown(List<BenchReport> befores, List<BenchReport> afters, string baselineName, string currentName)
    {
        var (before, after) = (befores[^1], afters[^1]);
        double Mean(List<BenchReport> runs, Func<BenchReport, double> measure) => runs.Average(measure);
        (string, double, double, string) Row(string measure, Func<BenchReport, double> of) =>
            (measure, Mean(befores, of), Mean(afters, of),
             $"{string.Join(" / ", befores.Select(r => N(of(r))))} → {string.Join(" / ", afters.Select(r => N(of(r))))}");
        var rows = new List<(string Measure, double Before, double After, string Rounds)>
        {
            Row($"POST, {before.Clients} clients (/s)", r => r.Post.PerSecond),
            Row("POST, 64 clients (/s)", r => r.PostMany.PerSecond),
            Row($"POST on one hot appropriation, {before.Clients} clients (/s)", r => r.PostHot.PerSecond),
            Row("batch of 1,000, 4 workers (disbursements/s)", r => r.Batch.PerSecond),
            Row("full projection rebuild (events/s)", r => r.Rebuild.EventsPerSecond),
        };
        var text = new StringBuilder();
        text.AppendLine($"Machine: {after.Machine}; {after.PhaseSeconds:F0} s per phase; each build on a fresh database of the same " +
            $"server, in one run, {Rounds} rounds interleaved ({baselineName}, {currentName}, {baselineName}, …); each side the mean " +
            "of its rounds (the rounds in the last column).");
        text.AppendLine();
        text.AppendLine($"| measure | {baselineName} | {currentName} | ratio | target | met | rounds |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (measure, old, now, each) in rows)
        {
            var ratio = now / old;
            var met = ratio >= Floor ? "yes" : "**no**";
            text.AppendLine($"| {measure} | {N(old)} | {N(now)} | {ratio:F2}× | ≥ {Floor:F1}× | {met} | {each} |");
        }
        var raw = Mean(afters, r => r.PostMany.PerSecond / r.RawInsertMany.PerSecond);
        var rawBefore = Mean(befores, r => r.PostMany.PerSecond / r.RawInsertMany.PerSecond);
        var raws = string.Join(" / ", befores.Concat(afters).Select(r => N(r.RawInsertMany.PerSecond)));
        text.AppendLine($"| POST vs raw insert (pgbench), 64 clients | {rawBefore:F2}× | {raw:F2}× |  | ≥ 0.5× | " +
            $"{(raw >= 0.5 ? "yes" : "**no**")} | raw {raws} |");
        text.AppendLine($"| POST p99, {before.Clients} / 64 clients, last round (ms) | " +
            $"{before.Post.P99:F1} / {before.PostMany.P99:F1} | {after.Post.P99:F1} / {after.PostMany.P99:F1} |  |  |  |  |");
        text.AppendLine($"| rebuilt events; rebuild peak RSS, last round (MB) | " +
            $"{N(before.Rebuild.Events)}; {before.Rebuild.PeakRssMb:F0} | " +
            $"{N(after.Rebuild.Events)}; {after.Rebuild.PeakRssMb:F0} |  |  |  |  |");
        text.AppendLine($"| service peak RSS, last round (MB) | {before.PeakRssMb:F0} | {after.PeakRssMb:F0} |  |  |  |  |");
        return text.ToString();
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
