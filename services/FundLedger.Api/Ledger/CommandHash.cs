using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FundLedger.Ledger;

/// <summary>
/// The fingerprint claims were recorded under before <see cref="RequestFingerprint"/>: the validated C# command serialized
/// as it is. Kept only so that a retry of a request recorded before the upgrade still replays (see
/// <see cref="LedgerWrite.EarlierRequestHash"/>); it changes whenever a command's record does, which is why it was replaced.
/// Remove it once no client can still retry a request of before the upgrade.
/// </summary>
public static class CommandHash
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    public static string Of<T>(string operation, T command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, Canonical);
        var bytes = Encoding.UTF8.GetBytes(operation + "\n").Concat(json).ToArray();
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
