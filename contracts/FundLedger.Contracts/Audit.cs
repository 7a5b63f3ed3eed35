using System.Text.Json;

namespace FundLedger.Audit;

/// <summary>One recorded event as an auditor sees it: what, where, when, who, why, and its link in the district's hash chain.</summary>
public sealed record AuditEvent(
    long Sequence, string Stream, long Version, string Type, DateTimeOffset RecordedAt, JsonElement Data,
    string? CorrelationId, string? CausationId, string? User, string? ClientId, string? IdempotencyKey, long? ChainPosition, string? Hash);

public sealed record ChainBreak(long Position, long Sequence, string Problem);

public sealed record ChainVerification(bool Intact, long Links, long Events, IReadOnlyList<ChainBreak> Breaks, string? Head);

public sealed record ProjectionDifference(string Appropriation, string Figure, string Live, string Replayed);

public sealed record ProjectionVerification(bool Consistent, int Appropriations, IReadOnlyList<ProjectionDifference> Differences);

/// <summary>The answer of <c>/audit/verify</c>: the hash chain recomputed, and every projection rebuilt from the events alone.</summary>
public sealed record AuditVerification(string District, bool Ok, DateTimeOffset VerifiedAt, ChainVerification Chain, ProjectionVerification Projections);
