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
public sealed record AuditVerification(
    string District, bool Ok, DateTimeOffset VerifiedAt, ChainVerification Chain, ProjectionVerification Projections);

/// <summary>
/// One event in an auditor bundle, with what is needed to check it offline: the columns that were hashed, exactly
/// as the database printed them, and its link in the district's chain.
/// </summary>
public sealed record BundleEvent(
    string Tenant, long Sequence, Guid Id, string Stream, long Version, string Type, string DataText, long TimestampMicros,
    string? CorrelationId, string? CausationId, string? User, string? HeadersText, long Position, string? Previous, string Hash);

/// <summary>An appropriation's figures as the live projection states them, in 元.</summary>
public sealed record BundleFigures(string Stream, decimal Original, decimal Supplements, decimal Reductions, decimal Disbursed,
    decimal Reversed, decimal Carried, decimal Lapsed, decimal Adjusted, decimal Executed);

/// <summary>A district-year for auditors: its events, the figures that should follow from them, and the chain head.</summary>
public sealed record AuditBundle(
    string District, int Year, DateTimeOffset ExportedAt, long ChainHeadPosition, string? ChainHead,
    IReadOnlyList<BundleEvent> Events, IReadOnlyList<BundleFigures> Appropriations,
    Reporting.ExecutionReport Execution, Reporting.VarianceReport Variance);
