using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FundLedger.Kernel;
using FundLedger.Telemetry;

namespace FundLedger.Live;

/// <summary>
/// How many live streams one replica keeps open (<c>FundLedger:Live:MaxStreams</c>, default 1,000) and how many one token may
/// hold (<c>FundLedger:Live:MaxStreamsPerToken</c>, default 10: a dashboard tab holds one). Beyond the token's bound a new
/// stream is 429, beyond the replica's 503 (another replica may have room), both with Retry-After; a stream that is refused
/// costs nothing, and the streams already open are not disturbed.
/// </summary>
public sealed class LiveLimits(IConfiguration configuration)
{
    public const int RetryAfterSeconds = 30;

    private readonly ConcurrentDictionary<string, int> _byToken = new(StringComparer.Ordinal);
    private int _open;

    public int PerReplica { get; } = Math.Max(1, configuration.GetValue("FundLedger:Live:MaxStreams", 1_000));
    public int PerToken { get; } = Math.Max(1, configuration.GetValue("FundLedger:Live:MaxStreamsPerToken", 10));

    public int Open => Volatile.Read(ref _open);

    /// <summary>A place for one more stream of <paramref name="bearer"/>, or why there is none.</summary>
    public Refusal? TryOpen(string bearer, out LiveLease? lease)
    {
        lease = null;
        var token = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)));
        if (Interlocked.Increment(ref _open) > PerReplica)
        {
            Interlocked.Decrement(ref _open);
            LedgerTelemetry.LiveRefused.Add(1, new KeyValuePair<string, object?>("fundledger.problem", "live-streams-full"));
            return new Refusal(503, "live-streams-full", "This replica has no room for another live stream",
                $"This replica holds its {PerReplica} live streams. Try again after Retry-After (another replica may have room); " +
                "reads and writes are not affected.");
        }
        if (_byToken.AddOrUpdate(token, 1, (_, n) => n + 1) > PerToken)
        {
            Release(token);
            LedgerTelemetry.LiveRefused.Add(1, new KeyValuePair<string, object?>("fundledger.problem", "too-many-streams"));
            return new Refusal(429, "too-many-streams", "This token holds as many live streams as it may",
                $"A token may hold {PerToken} live streams on a replica at once. Close one (a page that is no longer shown) " +
                "or try again after Retry-After.");
        }
        lease = new LiveLease(this, token);
        return null;
    }

    internal void Release(string token)
    {
        // Removing an entry only when it is still at 0 keeps a concurrent open of the same token from being lost.
        if (_byToken.AddOrUpdate(token, 0, (_, n) => n - 1) <= 0) _byToken.TryRemove(new KeyValuePair<string, int>(token, 0));
        Interlocked.Decrement(ref _open);
    }
}

/// <summary>One open stream's place under the bounds; disposed when the stream ends, however it ends.</summary>
public sealed class LiveLease(LiveLimits limits, string token) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) limits.Release(token);
    }
}
