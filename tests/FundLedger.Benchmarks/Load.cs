using System.Diagnostics;

namespace FundLedger.Benchmarks;

/// <summary>Latencies in milliseconds and what they summarise to.</summary>
public sealed record LoadResult(long Completed, long Failed, double Seconds, double P50, double P99, double P999)
{
    public double PerSecond => Completed / Seconds;

    public static LoadResult From(List<double> latencies, long failed, double seconds)
    {
        latencies.Sort();
        double At(double q) =>
            latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        return new LoadResult(latencies.Count, failed, seconds, At(0.50), At(0.99), At(0.999));
    }
}

public static class Load
{
    /// <summary>Closed loop: <paramref name="workers"/> clients each send the next request as soon as the last returns.</summary>
    public static Task<LoadResult> ClosedAsync(int workers, TimeSpan duration, Func<long, Task<bool>> send) =>
        ClosedWhileAsync(workers, (_, elapsed) => elapsed < duration, send);

    /// <summary>Closed loop over exactly <paramref name="count"/> requests (loading data rather than timing).</summary>
    public static Task<LoadResult> ClosedCountAsync(int workers, long count, Func<long, Task<bool>> send) =>
        ClosedWhileAsync(workers, (n, _) => n < count, send);

    /// <summary>Request n (0, 1, 2, … across all workers) is sent while <paramref name="more"/>(n, elapsed) holds.</summary>
    private static async Task<LoadResult> ClosedWhileAsync(int workers, Func<long, TimeSpan, bool> more, Func<long, Task<bool>> send)
    {
        long next = -1, failed = 0;
        var all = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            var mine = new List<double>();
            for (var n = Interlocked.Increment(ref next); more(n, clock.Elapsed); n = Interlocked.Increment(ref next))
            {
                var start = clock.Elapsed.TotalMilliseconds;
                if (await send(n)) mine.Add(clock.Elapsed.TotalMilliseconds - start);
                else Interlocked.Increment(ref failed);
            }
            lock (all) all.AddRange(mine);
        }));
        return LoadResult.From(all, failed, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Open loop at a fixed arrival rate: request i is due at i/rate whatever happened before, and its latency is
    /// counted from when it was due, not from when it was sent, so a stall is charged to every request it delayed
    /// (coordinated omission corrected).
    /// </summary>
    public static async Task<LoadResult> OpenAsync(double rate, TimeSpan duration, Func<long, Task<bool>> send)
    {
        long failed = 0;
        var latencies = new List<double>();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (long)(rate * duration.TotalSeconds);
        for (long i = 0; i < total; i++)
        {
            var due = i * 1000.0 / rate;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var n = i;
            inFlight.Add(Task.Run(async () =>
            {
                var ok = await send(n);
                var latency = clock.Elapsed.TotalMilliseconds - due;
                lock (latencies) { if (ok) latencies.Add(latency); else failed++; }
            }));
        }
        await Task.WhenAll(inFlight);
        return LoadResult.From(latencies, failed, clock.Elapsed.TotalSeconds);
    }
}
