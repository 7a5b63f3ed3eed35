namespace FundLedger.Benchmarks;

/// <summary>
/// deploy/local/bench.sh runs this:
/// <c>FundLedger.Benchmarks [--smoke] [--verify-fresh | --live | --integration | --gate | --final-accounts] [--seconds N]
/// [--out DIR]</c> against the
/// server in ConnectionStrings__FundLedger (a role that may create databases). Writes DIR/bench.json and DIR/bench.md.
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__FundLedger")
            ?? throw new InvalidOperationException("Set ConnectionStrings__FundLedger (deploy/local/bench.sh does).");
        if (args.Contains("--live"))
        {
            var live = await LiveBench.RunAsync(options, server);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "bench-live.md"), live);
            Console.WriteLine(live);
            return 0;
        }
        if (args.Contains("--integration"))
        {
            var integration = await IntegrationBench.RunAsync(options, server);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "bench-integration.md"), integration);
            Console.WriteLine(integration);
            return 0;
        }
        if (args.Contains("--final-accounts"))
        {
            var accounts = AccountsBench.Markdown(await AccountsBench.RunAsync(options, server), options.Smoke);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "bench-final-accounts.md"), accounts);
            Console.WriteLine(accounts);
            return 0;
        }
        if (options.Gate)
        {
            var gate = await GateReport.RunAsync(options, server);
            Directory.CreateDirectory(options.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "bench-gate.md"), gate);
            Console.WriteLine(gate);
            return 0;
        }
        var report = await Bench.RunAsync(options, server);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"{options.ResultName}.json"), report.Json());
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"{options.ResultName}.md"), report.Markdown());
        Console.WriteLine(report.Markdown());
        return 0;
    }
}
