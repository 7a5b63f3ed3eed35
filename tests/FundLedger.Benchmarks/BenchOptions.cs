namespace FundLedger.Benchmarks;

/// <summary>The size of a run. The full run is the issue's; the smoke keeps the same phases at toy sizes.</summary>
public sealed record BenchOptions(
    int Appropriations, long[] Checkpoints, TimeSpan Phase, int Clients, int ManyClients, string OutputDirectory, bool Smoke,
    long FreshEvents)
{
    /// <summary><c>--verify-fresh</c>: only the phase that bulk-writes a fresh district and verifies it at once.</summary>
    public bool VerifyFreshOnly { get; init; }

    /// <summary><c>--gate</c>: the baseline's build and this one, the same phases each, tabled side by side (bench-gate.md).</summary>
    public bool Gate { get; init; }

    /// <summary>The results' file name (bench.md, or bench-verify-fresh.md for the single phase).</summary>
    public string ResultName => VerifyFreshOnly ? "bench-verify-fresh" : "bench";

    public const string District = "110106";

    /// <summary>A second district, written in bulk at the end and verified at once (statistics that have never seen it).</summary>
    public const string FreshDistrict = "110107";
    public const int Year = 2020;

    public static BenchOptions Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var output = Value("--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "bench-results");
        var seconds = Value("--seconds") is { } s ? double.Parse(s) : smoke ? 1 : 15;
        var options = smoke
            ? new BenchOptions(40, [400, 1_000], TimeSpan.FromSeconds(seconds), 16, 64, output, true, 2_000)
            : new BenchOptions(10_000, [10_000, 100_000, 1_000_000], TimeSpan.FromSeconds(seconds), 16, 64, output, false, 1_000_000);
        return options with { VerifyFreshOnly = args.Contains("--verify-fresh"), Gate = args.Contains("--gate") };
    }
}
