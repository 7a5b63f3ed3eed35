using System.Text;
using System.Text.Json;
using FundLedger.Hosting;
using FundLedger.Telemetry;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FundLedger.Ledger;

/// <summary>
/// Runs one write: open the district's session, take the locks the write needs, honour earlier answers under
/// the same keys, decide, and commit events together with the claimed keys. A race lost on a key (two
/// identical requests at once) is retried, and the retry finds the winner's answer.
/// </summary>
public sealed partial class LedgerWriter(IDocumentStore store, IOptions<JsonOptions> json, IHttpContextAccessor http, ILogger<LedgerWriter> log)
{
    private const int Attempts = 3;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task<IResult> WriteAsync(
        string operation,
        string district,
        IEnumerable<Claim> claims,
        string requestHash,
        Func<IDocumentSession, CancellationToken, Task<Refusal?>> prepare,
        Func<IDocumentSession, DateTimeOffset, Outcome> decide,
        CancellationToken ct)
    {
        var claimList = claims.ToList();
        using var activity = LedgerTelemetry.Source.StartActivity($"ledger {operation}");
        activity?.SetTag("fundledger.district", district);
        activity?.SetTag("fundledger.operation", operation);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(district);
            Stamp(session);
            try
            {
                if (await prepare(session, ct) is { } missing) return Refused(activity, operation, district, missing);
                var earlier = await Earlier(session, claimList, requestHash, ct);
                if (earlier is { } seen) return Settled(activity, operation, district, seen);

                var now = DateTimeOffset.UtcNow;
                var outcome = decide(session, now);
                if (outcome.Refusal is { } refusal) return Refused(activity, operation, district, refusal);

                var body = JsonSerializer.Serialize(outcome.Body, _json);
                foreach (var claim in claimList)
                    session.Insert(new IdempotencyRecord
                    {
                        Id = claim.Key, RequestHash = requestHash, Status = outcome.Status,
                        Body = body, Location = outcome.Location, RecordedAt = now,
                    });
                await session.SaveChangesAsync(ct);
                outcome.AfterCommit?.Invoke();
                activity?.SetTag("fundledger.outcome", "recorded");
                return Answer(outcome.Status, body, outcome.Location, replayed: false);
            }
            catch (Exception e) when (attempt < Attempts && IsLostRace(e))
            {
                // Another request committed under one of our keys (or started the same stream) first.
                LedgerTelemetry.LostRaces.Add(1, new KeyValuePair<string, object?>("fundledger.operation", operation));
                activity?.AddEvent(new System.Diagnostics.ActivityEvent("lost race, retrying"));
            }
        }
    }

    /// <summary>Marks every event of this write with the request that caused it (see <see cref="EventMetadata"/>).</summary>
    private void Stamp(IDocumentSession session)
    {
        if (http.HttpContext is not { } context) return;
        var actor = Actor.From(context.User);
        session.CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
        session.CausationId = context.TraceIdentifier;
        session.LastModifiedBy = actor.Subject;
        session.SetHeader(EventMetadata.ClientId, actor.ClientId);
        if (context.Request.Headers[Headers.IdempotencyKey].FirstOrDefault() is { } key) session.SetHeader(EventMetadata.IdempotencyKey, key);
    }

    private IResult Refused(System.Diagnostics.Activity? activity, string operation, string district, Refusal refusal)
    {
        // Logged (with the trace id, through the OTLP log exporter) so an operator can find a client's refused writes.
        LogRefused(log, operation, district, refusal.Type);
        activity?.SetTag("fundledger.outcome", "refused");
        activity?.SetTag("fundledger.problem", refusal.Type);
        LedgerTelemetry.Refusals.Add(1, new("fundledger.operation", operation), new("fundledger.problem", refusal.Type));
        return refusal.ToResult();
    }

    /// <summary>A key seen before: either the remembered answer (a replay) or a conflict refusal.</summary>
    private IResult Settled(System.Diagnostics.Activity? activity, string operation, string district, (IResult Result, Refusal? Conflict) earlier)
    {
        if (earlier.Conflict is { } conflict) return Refused(activity, operation, district, conflict);
        activity?.SetTag("fundledger.outcome", "replayed");
        LedgerTelemetry.IdempotentReplays.Add(1, new KeyValuePair<string, object?>("fundledger.operation", operation));
        return earlier.Result;
    }

    /// <summary>The remembered answer, or a conflict, when a key was claimed before; null when all are new.</summary>
    private static async Task<(IResult Result, Refusal? Conflict)?> Earlier(IQuerySession session, IReadOnlyList<Claim> claims, string requestHash, CancellationToken ct)
    {
        if (claims.Count == 0) return null;
        var records = await session.LoadManyAsync<IdempotencyRecord>(ct, claims.Select(c => c.Key).ToArray());
        foreach (var record in records)
        {
            if (record.RequestHash == requestHash) return (Answer(record.Status, record.Body, record.Location, replayed: true), null);
            var claim = claims.First(c => c.Key == record.Id);
            var conflict = Refusal.Conflict(claim.ConflictType, claim.ConflictTitle,
                $"{claim.ConflictTitle}; the original request was recorded at {record.RecordedAt:O}. Nothing was recorded.");
            return (conflict.ToResult(), conflict);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Operation} in district {District}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string operation, string district, string problem);

    public static bool IsLostRace(Exception e) =>
        e is DocumentAlreadyExistsException or ExistingStreamIdCollisionException or ConcurrencyException
        || e.InnerException is { } inner && IsLostRace(inner);

    public static IResult Answer(int status, string body, string? location, bool replayed) => new StoredAnswer(status, body, location, replayed);

    /// <summary>Writes the exact bytes remembered for the key, so a replay is indistinguishable from the original.</summary>
    private sealed class StoredAnswer(int status, string body, string? location, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            if (location is not null) context.Response.Headers.Location = location;
            if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(body, Encoding.UTF8);
        }
    }
}
