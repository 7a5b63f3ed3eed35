using System.Diagnostics;
using System.Security.Cryptography;

namespace FundLedger.Tests.Infrastructure;

/// <summary>
/// Runs one of the service binary's operator verbs (<c>migrate</c>, <c>rebuild</c>, …) as a process of its own, the way
/// an operator or a Kubernetes job does, against the given database.
/// </summary>
public static class ServiceCommand
{
    public static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args) =>
        RunAsync(new Dictionary<string, string> { ["ConnectionStrings__FundLedger"] = connectionString }, args);

    /// <summary>With the service's database settings as environment variables (a connection string, or a district map).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> databases, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FundLedger.Api.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                // The verbs mint nothing; start-up only insists that a key is configured.
                ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            },
        };
        foreach (var (key, value) in databases) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
