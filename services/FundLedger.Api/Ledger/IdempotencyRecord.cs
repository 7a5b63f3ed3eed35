namespace FundLedger.Ledger;

/// <summary>
/// The answer given to the first request under a business key (voucher number, appropriation code,
/// adjustment id) or an Idempotency-Key. Inserted in the same transaction as the events, so a key is either
/// claimed together with what it recorded or not at all; a second insert under the same key fails, which is
/// what makes concurrent duplicates safe.
/// </summary>
public sealed record IdempotencyRecord
{
    public string Id { get; init; } = "";
    public string RequestHash { get; init; } = "";
    public int Status { get; init; }
    public string Body { get; init; } = "";
    public string? Location { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A key a write claims, and the problem a different request under the same key gets.</summary>
public sealed record KeyClaim(string Key, string ConflictType, string ConflictTitle)
{
    public static KeyClaim IdempotencyKey(string key) =>
        new($"request:{key}", "idempotency-key-reused", $"Idempotency-Key {key} was already used for a different request");

    /// <summary>The write's business key, and the client's Idempotency-Key when it sent one.</summary>
    public static IReadOnlyList<KeyClaim> With(KeyClaim business, string? idempotencyKey) =>
        idempotencyKey is null ? [business] : [business, IdempotencyKey(idempotencyKey)];

    public static IReadOnlyList<KeyClaim> HeaderOnly(string? idempotencyKey) =>
        idempotencyKey is null ? [] : [IdempotencyKey(idempotencyKey)];
}
