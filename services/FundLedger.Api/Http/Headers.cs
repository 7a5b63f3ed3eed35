using FundLedger.Kernel;
namespace FundLedger.Http;

public static class Headers
{
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>An Idempotency-Key is opaque to us but must be short printable ASCII so it can be stored and echoed.</summary>
    public static Refusal? CheckIdempotencyKey(string? key) =>
        key is null || (key.Length is > 0 and <= 200 && key.All(c => c is > ' ' and <= '~'))
            ? null
            : Refusal.Invalid(IdempotencyKey, "must be 1-200 printable ASCII characters without spaces");
}
