using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace FundLedger.Benchmarks;

/// <summary>
/// The benchmark's lean clients, run as processes of their own: <c>wrk</c> with the Lua scripts of deploy/local/bench for
/// HTTP, and PostgreSQL's own <c>pgbench</c> (prepared statements) for the raw side. Equally lean on both sides, so a
/// ratio measures the service, not the client.
/// </summary>
public sealed partial class LoadTools(NpgsqlConnectionStringBuilder database, string pgbench)
{
    /// <summary>deploy/local/bench, copied beside the benchmark's binary.</summary>
    public static string Scripts => Path.Combine(AppContext.BaseDirectory, "bench");

    public static LoadTools For(string connection) => new(new NpgsqlConnectionStringBuilder(connection), FindPgbench());

    /// <summary>
    /// wrk with load.lua in <paramref name="mode"/> (post or get): two threads (two cores), the connections spread over them.
    /// </summary>
    public async Task<LoadResult> WrkAsync(string url, string mode, int connections, TimeSpan duration, params string[] args)
    {
        var output = await RunAsync("wrk",
            ["-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
             "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{Math.Max(2, Seconds(duration))}s", "--timeout", "30s",
             "-s", Path.Combine(Scripts, "load.lua"), url, "--", mode, .. args], null);
        var summary = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')))
            .RootElement;
        var requests = summary.GetProperty("requests").GetInt64();
        var failed = summary.GetProperty("failed").GetInt64();
        return new LoadResult(requests - failed, failed, summary.GetProperty("seconds").GetDouble(),
            summary.GetProperty("p50").GetDouble(), summary.GetProperty("p99").GetDouble(), summary.GetProperty("p999").GetDouble());
    }

    /// <summary>
    /// pgbench with <paramref name="script"/>: prepared statements, two threads; latency is its average (it reports no
    /// percentiles).
    /// </summary>
    public async Task<LoadResult> PgbenchAsync(
        string script, int clients, TimeSpan duration, params (string Name, object Value)[] variables)
    {
        var output = await RunAsync(pgbench,
            ["-h", database.Host!, "-p", database.Port.ToString(CultureInfo.InvariantCulture), "-U", database.Username!,
             "-n", "-M", "prepared",
             "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
             // At least 2 s: 64 clients take most of a second to connect, and pgbench reports nothing for a run without a transaction.
             "-T", Math.Max(2, Seconds(duration)).ToString(CultureInfo.InvariantCulture),
             .. variables.SelectMany(v => new[] { "-D", $"{v.Name}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}" }),
             "-f", Path.Combine(Scripts, script), database.Database!],
            database.Password);
        var processed = long.Parse(Processed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var failed = Failed().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var latency = double.Parse(Latency().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new LoadResult(processed, failed, processed / tps, latency, 0, 0);
    }

    private static int Seconds(TimeSpan duration) => Math.Max(1, (int)Math.Round(duration.TotalSeconds));

    private static async Task<string> RunAsync(string program, IEnumerable<string> args, string? password)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (password is not null) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await error}");
        var errors = await error;
        if (errors.Length > 0) Console.Error.Write($"[{Path.GetFileName(program)}] {errors}");
        return await output;
    }

    /// <summary>The server's own pgbench: FUNDLEDGER_PGBIN (deploy/local/postgres.sh), Debian's server directory, or PATH.</summary>
    private static string FindPgbench()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("FUNDLEDGER_PGBIN") }
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : [])
            .Where(d => d is not null).Select(d => Path.Combine(d!, "pgbench"));
        return candidates.FirstOrDefault(File.Exists) ?? "pgbench";
    }

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex Processed();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex Failed();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex Latency();
}
