using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FundLedger.Ledger;

/// <summary>
/// Fingerprint of what a request asks for, taken from the validated command rather than the raw bytes, so a
/// retry that only reorders properties or writes 100 for "100.00" is still the same request.
/// </summary>
public static class RequestHash
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    public static string Of<T>(string operation, T command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, Canonical);
        var bytes = Encoding.UTF8.GetBytes(operation + "\n").Concat(json).ToArray();
        return Convert.ToHexString(SHA256.HashData(bytes));
    }
}
