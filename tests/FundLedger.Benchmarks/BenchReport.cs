using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FundLedger.Benchmarks;

public sealed record GrowthPoint(long Disbursements, double PostPerSecond, double ReadP99Ms, double ReadPerSecond);

public sealed record RebuildResult(long Events, double Seconds, double EventsPerSecond, double PeakRssMb);

public sealed record VerifyResult(bool Ok, long Links, double Seconds);

/// <summary>Everything one run measured, issue 11's targets, and the two renderings (JSON, markdown).</summary>
public sealed class BenchReport
{
    public bool Smoke { get; init; }
    public string Machine { get; init; } = "";
    public int Clients { get; init; }
    public double PhaseSeconds { get; init; }
    public LoadResult RawInsert { get; set; } = null!;
    public LoadResult Post { get; set; } = null!;
    public LoadResult RawInsertMany { get; set; } = null!;
    public LoadResult PostMany { get; set; } = null!;
    public LoadResult RawInsertHot { get; set; } = null!;
    public LoadResult PostHot { get; set; } = null!;
    public LoadResult PostAtHalfLoad { get; set; } = null!;
    public LoadResult MixedPost { get; set; } = null!;
    public LoadResult MixedRead { get; set; } = null!;
    public LoadResult Batch { get; set; } = null!;
    public LoadResult RawCopy { get; set; } = null!;
    public LoadResult ReadBySection { get; set; } = null!;
    public LoadResult RawReadBySection { get; set; } = null!;
    public LoadResult ReadAppropriation { get; set; } = null!;
    public LoadResult RawReadAppropriation { get; set; } = null!;
    public List<GrowthPoint> Growth { get; } = [];
    public RebuildResult Rebuild { get; set; } = null!;
    public VerifyResult Verify { get; set; } = null!;
    public VerifyResult VerifyFresh { get; set; } = null!;
    public double PeakRssMb { get; set; }
    public long Disbursements { get; set; }
    public long Events { get; set; }

    public double PostRatio => Post.PerSecond / RawInsert.PerSecond;
    public double PostManyRatio => PostMany.PerSecond / RawInsertMany.PerSecond;
    public double HotRatio => PostHot.PerSecond / RawInsertHot.PerSecond;
    public double BatchRatio => Batch.PerSecond / RawCopy.PerSecond;
    public double ReadGrowth => Growth[^1].ReadP99Ms / Growth[0].ReadP99Ms;

    public IReadOnlyList<(string Measure, string Service, string Raw, string Result, string Target, bool Met)> Rows() =>
        Post is null ? [VerifyFreshRow] : AllRows();

    private (string, string, string, string, string, bool) VerifyFreshRow =>
        ("/audit/verify of a district right after its bulk load, statistics never analysed (s)", $"{VerifyFresh.Seconds:F1}", "",
            $"{(VerifyFresh.Ok ? "ok" : "NOT OK")}, {N(VerifyFresh.Links)} links", "ok, < 60 s at 1M",
            VerifyFresh.Ok && VerifyFresh.Seconds < 60);

    private IReadOnlyList<(string Measure, string Service, string Raw, string Result, string Target, bool Met)> AllRows() =>
    [
        ($"POST vs raw insert, {Clients} clients (/s)", N(Post.PerSecond), N(RawInsert.PerSecond), $"{PostRatio:F2}×", "≥ 0.5×",
            PostRatio >= 0.5),
        ("POST vs raw insert, 64 clients (/s)", N(PostMany.PerSecond), N(RawInsertMany.PerSecond), $"{PostManyRatio:F2}×", "≥ 0.5×",
            PostManyRatio >= 0.5),
        ($"POST on one hot appropriation vs raw insert, {Clients} clients (/s)", N(PostHot.PerSecond), N(RawInsertHot.PerSecond),
            $"{HotRatio:F2}×", "≥ 0.3×", HotRatio >= 0.3),
        ("POST p50 / p99 / p99.9 at 50% load, open loop (ms)",
            $"{PostAtHalfLoad.P50:F1} / {PostAtHalfLoad.P99:F1} / {PostAtHalfLoad.P999:F1}", "",
            $"p99 {PostAtHalfLoad.P99:F1} ms at {N(PostAtHalfLoad.PerSecond)}/s", "p99 ≤ 25 ms", PostAtHalfLoad.P99 <= 25),
        ("batch vs COPY (disbursements/s)", N(Batch.PerSecond), N(RawCopy.PerSecond), $"{BatchRatio:F2}×", "≥ 0.4×", BatchRatio >= 0.4),
        ("read execution by section (100/s) while POSTs run at 50% load, open loop (p99 ms; POST p99 ms)",
            $"{MixedRead.P99:F1}; {MixedPost.P99:F1}", "", $"p99 {MixedRead.P99:F1} ms", "p99 ≤ 20 ms", MixedRead.P99 <= 20),
        ($"read execution by section at {N(Growth[^1].Disbursements)} (req/s, p99 ms)",
            $"{N(ReadBySection.PerSecond)}, {ReadBySection.P99:F1}", $"{N(RawReadBySection.PerSecond)}, avg {RawReadBySection.P50:F1}",
            $"{ReadBySection.PerSecond / RawReadBySection.PerSecond:F1}× raw", "", true),
        ("read one appropriation (req/s, p99 ms)", $"{N(ReadAppropriation.PerSecond)}, {ReadAppropriation.P99:F1}",
            $"{N(RawReadAppropriation.PerSecond)}, avg {RawReadAppropriation.P50:F1}",
            $"{ReadAppropriation.PerSecond / RawReadAppropriation.PerSecond:F2}× raw", "", true),
        ($"read p99 growth {N(Growth[0].Disbursements)} → {N(Growth[^1].Disbursements)} disbursements (ms)",
            string.Join(" → ", Growth.Select(g => $"{g.ReadP99Ms:F1}")), "", $"{ReadGrowth:F2}×", "≤ 2×", ReadGrowth <= 2),
        ("POST rate as the ledger grows (/s)", string.Join(" → ", Growth.Select(g => N(g.PostPerSecond))), "", "", "", true),
        ("full projection rebuild (events/s)", N(Rebuild.EventsPerSecond), "",
            $"{N(Rebuild.Events)} events in {Rebuild.Seconds:F1} s, peak RSS {Rebuild.PeakRssMb:F0} MB", "≥ 50,000/s",
            Rebuild.EventsPerSecond >= 50_000),
        ("/audit/verify of the whole ledger (s)", $"{Verify.Seconds:F1}", "", $"{(Verify.Ok ? "ok" : "NOT OK")}, {N(Verify.Links)} links",
            "ok", Verify.Ok),
        VerifyFreshRow,
        ("service peak RSS over the run (MB)", $"{PeakRssMb:F0}", "", "", "≤ 300 MB", PeakRssMb <= 300),
    ];

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine($"Machine: {Machine}; {PhaseSeconds:F0} s per phase; " +
                      $"service on wrk, raw PostgreSQL on pgbench (prepared) or binary COPY, " +
                      $"same server, each pair back to back; {N(Disbursements)} disbursements and {N(Events)} events at the end" +
                      $"{(Smoke ? " (SMOKE RUN: sizes too small to mean anything)" : "")}.");
        md.AppendLine();
        md.AppendLine("| measure | service | raw PostgreSQL | result | target | met |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in Rows())
            md.AppendLine($"| {r.Measure} | {r.Service} | {r.Raw} | {r.Result} | {r.Target} | " +
                          $"{(r.Target.Length == 0 ? "" : r.Met ? "yes" : "**no**")} |");
        return md.ToString();
    }

    public string Json()
    {
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        // The single fresh-verify phase has none of the ratios the full run's properties compute.
        return Post is null ? JsonSerializer.Serialize(new { Machine, VerifyFresh }, options) : JsonSerializer.Serialize(this, options);
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
