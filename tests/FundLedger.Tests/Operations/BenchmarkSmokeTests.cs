using FundLedger.Benchmarks;

namespace FundLedger.Tests.Operations;

/// <summary>
/// Keeps the benchmark (deploy/local/bench.sh) working: every phase of it runs at toy sizes against the real
/// service process and PostgreSQL. It asserts that each phase ran and produced its figures, never how fast.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_phase_of_the_benchmark_runs_and_reports()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")
            ?? throw new InvalidOperationException("ConnectionStrings__FundLedger is not set: run the tests with deploy/local/test.sh");
        var options = BenchOptions.Parse(["--smoke", "--seconds", "0.5", "--out", Path.GetTempPath()]);

        var report = await Bench.RunAsync(options, server);

        foreach (var phase in new[] { report.RawInsert, report.Post, report.RawInsertMany, report.PostMany, report.RawInsertHot,
                     report.PostHot, report.PostAtHalfLoad, report.MixedPost, report.MixedRead, report.Batch, report.RawCopy,
                     report.ReadBySection, report.RawReadBySection, report.ReadAppropriation, report.RawReadAppropriation })
        {
            Assert.True(phase.Completed > 0);
            Assert.Equal(0, phase.Failed);
        }
        Assert.Equal(options.Checkpoints.Length, report.Growth.Count);
        Assert.All(report.Growth.Zip(options.Checkpoints), g => Assert.True(g.First.Disbursements >= g.Second));
        Assert.True(report.Rebuild.Events >= report.Disbursements);
        Assert.True(report.PeakRssMb > 0);
        Assert.True(report.Verify.Ok);
        // Every event is in one of the two districts' chains: the main one's, and the one written in bulk and verified at once.
        Assert.True(report.VerifyFresh.Ok);
        Assert.True(report.VerifyFresh.Links >= options.FreshEvents);
        Assert.True(report.Verify.Links + report.VerifyFresh.Links >= report.Events);
        var markdown = report.Markdown();
        Assert.Equal(report.Rows().Count, markdown.Split('\n').Count(l => l.StartsWith("| ") && !l.StartsWith("| measure")));
        Assert.Contains("\"postAtHalfLoad\"", report.Json());
    }

    [Fact]
    public async Task The_final_accounts_benchmark_reads_every_rendering_and_the_raw_sums()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")
            ?? throw new InvalidOperationException("ConnectionStrings__FundLedger is not set: run the tests with deploy/local/test.sh");
        var options = BenchOptions.Parse(["--smoke", "--seconds", "0.5", "--final-accounts", "--out", Path.GetTempPath()]);

        var result = await AccountsBench.RunAsync(options, server);

        Assert.Equal(6, result.Reads.Count);
        Assert.All(result.Reads, r =>
        {
            Assert.True(r.Load.Completed > 0, r.Read);
            Assert.Equal(0, r.Load.Failed);
        });
        var markdown = AccountsBench.Markdown(result, smoke: true);
        Assert.Equal(6, markdown.Split('\n').Count(l => l.StartsWith("| final-accounts") || l.StartsWith("| raw SQL")));
    }
}
