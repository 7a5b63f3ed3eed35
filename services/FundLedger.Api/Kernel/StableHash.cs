namespace FundLedger.Kernel;

/// <summary>
/// A string's FNV-1a hash, the same in every process and on every replica (string.GetHashCode is randomised per process):
/// for spreading keys over a fixed number of queues or lanes, not for security.
/// </summary>
public static class StableHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>Which of <paramref name="buckets"/> a key falls in.</summary>
    public static int Bucket(string key, int buckets) => (int)(Of(key) % (uint)buckets);
}
