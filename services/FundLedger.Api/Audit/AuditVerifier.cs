using FundLedger.Store;

namespace FundLedger.Audit;

/// <summary>
/// What <c>/audit/verify</c> and the <c>verify</c> command check: the hash chain, sealed first, and the projections replayed
/// from the events.
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(LedgerStore store, string district, CancellationToken ct)
    {
        await using var session = store.QuerySession(district);
        var sealedAt = await ChainSealer.SealAsync(session, ct);
        var chain = await ChainVerifier.VerifyAsync(session, sealedAt, ct);
        var projections = await ProjectionVerifier.VerifyAsync(session, ct);
        return new AuditVerification(district, chain.Intact && projections.Consistent, DateTimeOffset.UtcNow, chain, projections);
    }
}
