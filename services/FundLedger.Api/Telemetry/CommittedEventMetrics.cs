using FundLedger.Disbursements;
using Marten;
using Marten.Services;

namespace FundLedger.Telemetry;

/// <summary>Counts money only once it is committed, whichever endpoint (single or batch) recorded it.</summary>
public sealed class CommittedEventMetrics : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            if (e.Data is not DisbursementRecorded recorded) continue;
            var kind = new KeyValuePair<string, object?>("fundledger.over_budget", recorded.OverBudget);
            LedgerTelemetry.DisbursementsRecorded.Add(1, kind);
            LedgerTelemetry.DisbursedAmount.Add((double)recorded.Amount.Yuan, kind);
        }
        return Task.CompletedTask;
    }
}
