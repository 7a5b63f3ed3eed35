using System.Collections.Concurrent;

namespace FundLedger.Ledger;

/// <summary>
/// Tells whoever waits on a district (the live streams) that this replica committed events for it, so they read them at once instead of
/// at their next check. Writes committed by another replica are found by that check (<see cref="Live.LiveHub.Check"/>).
/// </summary>
public sealed class CommitSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();

    /// <summary>What a waiter on every district waits on (the integration relay, which publishes all of them).</summary>
    public const string AnyDistrict = "*";

    public void Committed(IEnumerable<string> districts)
    {
        foreach (var district in districts.Distinct())
            if (_waiting.TryRemove(district, out var waiting)) waiting.TrySetResult();
        if (_waiting.TryRemove(AnyDistrict, out var any)) any.TrySetResult();
    }

    /// <summary>Completes when the district's next commit on this replica is signalled, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(string district, TimeSpan timeout, CancellationToken ct)
    {
        var next = _waiting.GetOrAdd(district, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try { await next.Task.WaitAsync(timeout, ct); }
        catch (TimeoutException) { }
    }
}
