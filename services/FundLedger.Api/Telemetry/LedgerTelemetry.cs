using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FundLedger.Telemetry;

/// <summary>
/// FundLedger's own spans and metrics: whether money is flowing, and why requests are turned away.
/// Exported with the rest of the service's telemetry when an OTLP endpoint is configured.
/// </summary>
public static class LedgerTelemetry
{
    public const string Name = "FundLedger";

    public static readonly ActivitySource Source = new(Name, typeof(LedgerTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Meter Meter = new(Name, typeof(LedgerTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> DisbursementsRecorded =
        Meter.CreateCounter<long>("fundledger.disbursements.recorded", "{disbursement}", "Disbursements committed to the ledger");

    /// <summary>A double because OpenTelemetry exports long and double instruments only; the ledger itself stays exact.</summary>
    public static readonly Counter<double> DisbursedAmount =
        Meter.CreateCounter<double>("fundledger.disbursements.amount", "CNY", "Amount committed by disbursements, in 元");

    public static readonly Counter<long> EventsAppended =
        Meter.CreateCounter<long>("fundledger.events.appended", "{event}", "Events committed to the event store, by event type");

    public static readonly Counter<long> Refusals =
        Meter.CreateCounter<long>("fundledger.refusals", "{request}", "Writes refused with a problem, by problem type");

    public static readonly Counter<long> IdempotentReplays =
        Meter.CreateCounter<long>("fundledger.idempotent_replays", "{request}", "Retries answered with the remembered response");

    public static readonly Counter<long> ReportCacheHits =
        Meter.CreateCounter<long>("fundledger.report_cache.hits", "{request}",
            "Report reads answered from the cache (no event recorded since)");

    public static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("fundledger.write.retries", "{attempt}",
            "Writes tried again alone after their group's transaction failed, by reason (lostrace, dropped, error)");

    public static readonly Histogram<int> GroupSize = Meter.CreateHistogram<int>("fundledger.write.group.size", "{write}",
        "Writes committed together in one transaction (group commit)",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("fundledger.write.commit.duration", "s",
        "Time of one group transaction: locks and reads, decisions, writes and the commit");

    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("fundledger.write.queue.wait", "s",
        "Time a write waited for its group's transaction to start");

    public static readonly UpDownCounter<long> QueueDepth = Meter.CreateUpDownCounter<long>("fundledger.write.queue.depth", "{write}",
        "Writes waiting for a transaction");

    public static readonly Counter<long> DatabaseOutages = Meter.CreateCounter<long>("fundledger.database.outages", "{outage}",
        "Times the database stopped answering (each logged once, with its recovery)");

    public static readonly Counter<long> Unavailable = Meter.CreateCounter<long>("fundledger.unavailable", "{request}",
        "Requests answered 503 database-unavailable (the database could not be reached, or the service is still starting)");

    public static readonly Counter<long> ReadRetries = Meter.CreateCounter<long>("fundledger.read.retries", "{attempt}",
        "Reads run again after the database dropped or refused a connection");

    public static readonly UpDownCounter<long> LiveStreams = Meter.CreateUpDownCounter<long>("fundledger.live.streams", "{stream}",
        "Live streams (server-sent events) open to dashboards");

    public static readonly Counter<long> LiveEvents = Meter.CreateCounter<long>("fundledger.live.events", "{event}",
        "Committed events sent to live streams");

    public static readonly Counter<long> LiveRefused = Meter.CreateCounter<long>("fundledger.live.refused", "{stream}",
        "Live streams refused at a bound (fundledger.problem: too-many-streams for a token's, live-streams-full for the replica's)");

    public static readonly Counter<long> LiveReads = Meter.CreateCounter<long>("fundledger.live.reads", "{query}",
        "Reads of the event table by the live tails (one per wake-up and district, however many streams it wakes)");

    public static readonly Histogram<double> LiveReadDuration = Meter.CreateHistogram<double>("fundledger.live.read.duration", "s",
        "How long a live tail's read of new events took");

    // ---- The integration relay (services/FundLedger.Api/Integration).

    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>("fundledger.integration.published", "{event}",
        "Integration events the broker confirmed, by CloudEvents type");

    public static readonly Counter<long> PublishFailures = Meter.CreateCounter<long>("fundledger.integration.publish.failures",
        "{attempt}", "Publishing attempts that failed (the relay retries from its cursor), by reason");

    public static readonly Histogram<double> PublishDelay = Meter.CreateHistogram<double>("fundledger.integration.delay", "s",
        "From an event's commit (its recorded time) to the broker's confirm of its message");

    /// <summary>Set by the relay of each database: its events committed and not yet confirmed by the broker.</summary>
    public static readonly Gauge<long> RelayLag = Meter.CreateGauge<long>("fundledger.integration.lag", "{event}",
        "Events committed after the relay's cursor, by database (the relay's backlog)");
}
