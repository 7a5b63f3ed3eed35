using System.Diagnostics;
using System.Security.Cryptography;

namespace FundLedger.Tests.Infrastructure;

/// <summary>
/// Runs one of the service binary's operator verbs (<c>migrate</c>, <c>rebuild</c>, …) as a process of its own, the way
/// an operator or a Kubernetes job does, against the given database.
/// </summary>
public static class ServiceCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FundLedger.Api.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__FundLedger"] = connectionString,
                // The verbs mint nothing; start-up only insists that a key is configured.
                ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
