using FundLedger.Telemetry;
using FundLedger.Http;

namespace FundLedger.Ledger;

/// <summary>
/// Where an endpoint hands over a validated write: traced as <c>ledger {operation}</c>, queued for the group
/// commit, and answered once its group has settled. Refusals are logged (with the trace id, through the OTLP log
/// exporter) so an operator can find a client's refused writes.
/// </summary>
public sealed partial class LedgerWriter(
    GroupCommitter committer, Store.DatabaseOutage outage, Store.LedgerDatabases databases, ILogger<LedgerWriter> log)
{
    public async Task<IResult> WriteAsync(LedgerWrite write, HttpContext http, string? idempotencyKey)
    {
        using var activity = LedgerTelemetry.Source.StartActivity($"ledger {write.Operation}");
        activity?.SetTag("fundledger.district", write.District);
        activity?.SetTag("fundledger.operation", write.Operation);
        // Not the request's cancellation: a queued write is committed or refused whether or not its caller still listens.
        var answer = await committer.SubmitAsync(write, Origin.Of(http, write.District, idempotencyKey));
        var operation = new KeyValuePair<string, object?>("fundledger.operation", write.Operation);
        if (answer.Refusal is { } refusal)
        {
            if (refusal.Status == 503) outage.Answered503(databases.For(write.District));
            else LogRefused(log, write.Operation, write.District, refusal.Type);
            activity?.SetTag("fundledger.outcome", refusal.Status >= 500 ? "unavailable" : "refused");
            activity?.SetTag("fundledger.problem", refusal.Type);
            LedgerTelemetry.Refusals.Add(1, operation, new("fundledger.problem", refusal.Type));
        }
        else if (answer.Replayed)
        {
            activity?.SetTag("fundledger.outcome", "replayed");
            LedgerTelemetry.IdempotentReplays.Add(1, operation);
        }
        else activity?.SetTag("fundledger.outcome", "recorded");
        write.Committed(answer);
        return answer.ToResult(http);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Operation} in district {District}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string operation, string district, string problem);
}
