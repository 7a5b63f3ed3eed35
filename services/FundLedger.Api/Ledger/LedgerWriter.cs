using System.Text;
using System.Text.Json;
using FundLedger.Hosting;
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
public sealed class LedgerWriter(IDocumentStore store, IOptions<JsonOptions> json)
{
    private const int Attempts = 3;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task<IResult> WriteAsync(
        string district,
        IEnumerable<Claim> claims,
        string requestHash,
        Func<IDocumentSession, CancellationToken, Task<Refusal?>> prepare,
        Func<IDocumentSession, DateTimeOffset, Outcome> decide,
        CancellationToken ct)
    {
        var claimList = claims.ToList();
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(district);
            try
            {
                if (await prepare(session, ct) is { } missing) return missing.ToResult();
                var earlier = await Earlier(session, claimList, requestHash, ct);
                if (earlier is not null) return earlier;

                var now = DateTimeOffset.UtcNow;
                var outcome = decide(session, now);
                if (outcome.Refusal is { } refusal) return refusal.ToResult();

                var body = JsonSerializer.Serialize(outcome.Body, _json);
                foreach (var claim in claimList)
                    session.Insert(new IdempotencyRecord
                    {
                        Id = claim.Key, RequestHash = requestHash, Status = outcome.Status,
                        Body = body, Location = outcome.Location, RecordedAt = now,
                    });
                await session.SaveChangesAsync(ct);
                return Answer(outcome.Status, body, outcome.Location, replayed: false);
            }
            catch (Exception e) when (attempt < Attempts && IsLostRace(e))
            {
                // Another request committed under one of our keys (or started the same stream) first.
            }
        }
    }

    /// <summary>The remembered answer, or a conflict, when a key was claimed before; null when all are new.</summary>
    internal async Task<IResult?> Earlier(IQuerySession session, IReadOnlyList<Claim> claims, string requestHash, CancellationToken ct)
    {
        var records = await session.LoadManyAsync<IdempotencyRecord>(ct, claims.Select(c => c.Key).ToArray());
        foreach (var record in records)
        {
            if (record.RequestHash == requestHash) return Answer(record.Status, record.Body, record.Location, replayed: true);
            var claim = claims.First(c => c.Key == record.Id);
            return Refusal.Conflict(claim.ConflictType, claim.ConflictTitle,
                $"{claim.ConflictTitle}; the original request was recorded at {record.RecordedAt:O}. Nothing was recorded.").ToResult();
        }
        return null;
    }

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
