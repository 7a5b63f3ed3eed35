using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Operations.Faults;

/// <summary>
/// The service as its own process (the built FundLedger.Api.dll), on a port of its own, as an operator runs it: so a test
/// can kill -9 it and start it again on the same port. Its log lines are kept, to check what an operator would read.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public ServiceProcess(IReadOnlyDictionary<string, string> environment)
    {
        _environment = environment;
        Url = $"http://127.0.0.1:{Loopback.FreePort()}";
        Start();
    }

    public string Url { get; }
    public ConcurrentQueue<string> Log { get; } = new();
    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FundLedger.Api.dll"), "--urls", Url])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        // Never outlive the test run, whatever ends it.
        var started = _process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (!started.HasExited) started.Kill(true); } catch (InvalidOperationException) { }
        };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Waits until the log read so far satisfies <paramref name="condition"/>: a line comes when the service writes it (a
    /// probe's, a retry's) and this process has read it from the pipe, never at a moment a test can name.
    /// </summary>
    public Task LoggedAsync(Func<IEnumerable<string>, bool> condition, string what) =>
        FaultTests.UntilAsync(() => Task.FromResult(condition(Log)), what);

    /// <summary>SIGKILL: no shutdown, no flush, nothing answered that was not answered already.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Waits until the health endpoint answers <paramref name="status"/> (live: the process serves; ready: its database too).
    /// </summary>
    public async Task<string> HealthAsync(string which, HttpStatusCode status, TimeSpan? within = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true } exited)
                throw new InvalidOperationException($"the service exited ({exited.ExitCode}): {string.Join('\n', Log.TakeLast(30))}");
            try
            {
                using var response = await http.GetAsync($"{Url}/health/{which}");
                last = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == status) return last;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy */ }
            await Task.Delay(50);
        }
        throw new TimeoutException(
            $"/health/{which} did not answer {(int)status} in time; last: {last}\n{string.Join('\n', Log.TakeLast(30))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Running) await KillAsync();
        _process?.Dispose();
        // deploy/local/faults.sh keeps every replica's log for the operator's view of each fault.
        if (Environment.GetEnvironmentVariable("FUNDLEDGER_FAULT_LOGS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllLinesAsync(Path.Combine(folder, $"service-{new Uri(Url).Port}.log"), Log);
        }
    }
}
