using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FundLedger.Benchmarks;

public sealed record GrowthPoint(long Disbursements, double PostPerSecond, double ReadP99Ms, double ReadPerSecond);

public sealed record RebuildResult(long Events, double Seconds, double EventsPerSecond);

/// <summary>Everything one run measured, the targets of issue 7 as ratios, and the two renderings (JSON, markdown).</summary>
public sealed class BenchReport
{
    public bool Smoke { get; init; }
    public string Machine { get; init; } = "";
    public int Clients { get; init; }
    public double PhaseSeconds { get; init; }
    public LoadResult RawInsert { get; set; } = null!;
    public LoadResult Post { get; set; } = null!;
    public LoadResult PostAtHalfLoad { get; set; } = null!;
    public LoadResult Batch { get; set; } = null!;
    public LoadResult RawCopy { get; set; } = null!;
    public LoadResult ReadBySection { get; set; } = null!;
    public LoadResult RawReadBySection { get; set; } = null!;
    public LoadResult ReadAppropriation { get; set; } = null!;
    public LoadResult RawReadAppropriation { get; set; } = null!;
    public List<GrowthPoint> Growth { get; } = [];
    public RebuildResult Rebuild { get; set; } = null!;
    public double PeakRssMb { get; set; }
    public long Disbursements { get; set; }
    public long Events { get; set; }

    public double PostRatio => Post.PerSecond / RawInsert.PerSecond;
    public double BatchRatio => Batch.PerSecond / RawCopy.PerSecond;
    public double ReadGrowth => Growth[^1].ReadP99Ms / Growth[0].ReadP99Ms;

    public IReadOnlyList<(string Measure, string Service, string Raw, string Result, string Target, bool Met)> Rows() =>
    [
        ("post vs raw-insert (/s)", N(Post.PerSecond), N(RawInsert.PerSecond), $"{PostRatio:F2}×", "≥ 0.33×", PostRatio >= 0.33),
        ("POST p50 / p99 / p99.9 at 50% load (ms)", $"{PostAtHalfLoad.P50:F1} / {PostAtHalfLoad.P99:F1} / {PostAtHalfLoad.P999:F1}", "", $"p99 {PostAtHalfLoad.P99:F1} ms at {N(PostAtHalfLoad.PerSecond)}/s", "p99 ≤ 25 ms", PostAtHalfLoad.P99 <= 25),
        ("batch vs COPY (disbursements/s)", N(Batch.PerSecond), N(RawCopy.PerSecond), $"{BatchRatio:F2}×", "≥ 0.4×", BatchRatio >= 0.4),
        ("read execution by function section (req/s, p99 ms)", $"{N(ReadBySection.PerSecond)}, {ReadBySection.P99:F1}", $"{N(RawReadBySection.PerSecond)}, {RawReadBySection.P99:F1}", $"p99 {ReadBySection.P99:F1} ms", "p99 ≤ 20 ms", ReadBySection.P99 <= 20),
        ("read one appropriation (req/s, p99 ms)", $"{N(ReadAppropriation.PerSecond)}, {ReadAppropriation.P99:F1}", $"{N(RawReadAppropriation.PerSecond)}, {RawReadAppropriation.P99:F1}", $"p99 {ReadAppropriation.P99:F1} ms", "p99 ≤ 20 ms", ReadAppropriation.P99 <= 20),
        ($"read p99 growth {N(Growth[0].Disbursements)} → {N(Growth[^1].Disbursements)} disbursements", string.Join(" → ", Growth.Select(g => $"{g.ReadP99Ms:F1}")), "", $"{ReadGrowth:F2}×", "≤ 2×", ReadGrowth <= 2),
        ("post rate as the ledger grows (/s)", string.Join(" → ", Growth.Select(g => N(g.PostPerSecond))), "", "", "", true),
        ("full projection rebuild (events/s)", N(Rebuild.EventsPerSecond), "", $"{N(Rebuild.Events)} events in {Rebuild.Seconds:F1} s", "≥ 20,000/s", Rebuild.EventsPerSecond >= 20_000),
        ("service peak RSS (MB)", $"{PeakRssMb:F0}", "", "", "≤ 400 MB", PeakRssMb <= 400),
    ];

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"Machine: {Machine}; {Clients} concurrent clients, {PhaseSeconds:F0} s per phase; {N(Disbursements)} disbursements and {N(Events)} events at the end{(Smoke ? " (SMOKE RUN: sizes too small to mean anything)" : "")}.");
        md.AppendLine();
        md.AppendLine("| measure | service | raw PostgreSQL | result | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Rows()) md.AppendLine($"| {r.Measure} | {r.Service} | {r.Raw} | {r.Result} | {r.Target} | {(r.Target.Length == 0 ? "" : r.Met ? "yes" : "**no**")} |");
        return md.ToString();
    }

    public string Json() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
