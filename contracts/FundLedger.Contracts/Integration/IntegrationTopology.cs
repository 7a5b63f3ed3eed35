namespace FundLedger.Integration;

/// <summary>
/// Where and how the integration events are published. Each is a CloudEvent (structured JSON,
/// <c>application/cloudevents+json</c>; under load, consecutive events of one routing key share a message as a CloudEvents
/// batch, <see cref="BatchContentType"/>) on the topic exchange <see cref="Exchange"/>, routed by
/// <c>{district}.{kind}.{action}.v{n}</c> (<see cref="RoutingKey"/>), so a consumer binds <c>110106.#</c> for a district,
/// <c>*.disbursement.#</c> for every district's payments, or one exact type.
/// <list type="bullet">
/// <item><c>id</c>: the event's sequence number in its district's database, so (<c>source</c>, <c>id</c>) is unique and a
/// consumer deduplicates by it; the AMQP message-id carries the same text (a batch's: its first and last ids, 1201-1264).</item>
/// <item><c>source</c>: <c>/districts/{district}</c>; <c>subject</c>: the stream, <c>{year}/{appropriation}</c>
/// (<c>fiscal-year/{year}</c>, <c>contract/{year}/{no}</c>).</item>
/// <item><c>time</c>: when the event was recorded; <c>traceparent</c>: the W3C trace context of the request that recorded
/// it (also an AMQP header), so the request's trace continues in the consumer.</item>
/// <item><c>fundledgerversion</c>: the stream version, for ordering within a stream without the sequence.</item>
/// </list>
/// </summary>
public static class IntegrationTopology
{
    public const string Exchange = "fundledger.events";
    public const string ContentType = "application/cloudevents+json";

    /// <summary>
    /// A message of several events: a JSON array of structured CloudEvents (the CloudEvents JSON batch format), consecutive
    /// events of one routing key in commit order. A consumer handles both content types and deduplicates event by event.
    /// </summary>
    public const string BatchContentType = "application/cloudevents-batch+json";
    public const string TypePrefix = "org.fundledger.";
    public const string VersionAttribute = "fundledgerversion";

    public const string AppropriationEnacted = TypePrefix + "appropriation.enacted.v1";
    public const string AppropriationAdjusted = TypePrefix + "appropriation.adjusted.v1";
    public const string AppropriationCarriedOver = TypePrefix + "appropriation.carried-over.v1";
    public const string OpeningBalanceAdjusted = TypePrefix + "opening-balance.adjusted.v1";
    public const string EconomicBudgetShifted = TypePrefix + "economic-budget.shifted.v1";
    public const string DisbursementRecorded = TypePrefix + "disbursement.recorded.v1";
    public const string DisbursementReversed = TypePrefix + "disbursement.reversed.v1";
    public const string BalanceCarriedForward = TypePrefix + "balance.carried-forward.v1";
    public const string BalanceLapsed = TypePrefix + "balance.lapsed.v1";
    public const string SurplusDistributed = TypePrefix + "surplus.distributed.v1";
    public const string FiscalYearClosed = TypePrefix + "fiscal-year.closed.v1";
    public const string PerformanceEvaluated = TypePrefix + "performance.evaluated.v1";
    public const string ProcurementContractSigned = TypePrefix + "procurement-contract.signed.v1";

    /// <summary>Each published type and its record, for consumers that bind data by type.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Records = new Dictionary<string, Type>
    {
        [AppropriationEnacted] = typeof(AppropriationEnactedV1),
        [AppropriationAdjusted] = typeof(AppropriationAdjustedV1),
        [AppropriationCarriedOver] = typeof(AppropriationCarriedOverV1),
        [OpeningBalanceAdjusted] = typeof(OpeningBalanceAdjustedV1),
        [EconomicBudgetShifted] = typeof(EconomicBudgetShiftedV1),
        [DisbursementRecorded] = typeof(DisbursementRecordedV1),
        [DisbursementReversed] = typeof(DisbursementReversedV1),
        [BalanceCarriedForward] = typeof(BalanceCarriedForwardV1),
        [BalanceLapsed] = typeof(BalanceLapsedV1),
        [SurplusDistributed] = typeof(SurplusDistributedV1),
        [FiscalYearClosed] = typeof(FiscalYearClosedV1),
        [PerformanceEvaluated] = typeof(PerformanceEvaluatedV1),
        [ProcurementContractSigned] = typeof(ProcurementContractSignedV1),
    };

    /// <summary>The routing key of a district's event of a type: <c>110106.disbursement.recorded.v1</c>.</summary>
    public static string RoutingKey(string district, string type) => $"{district}.{type[TypePrefix.Length..]}";

    /// <summary>The source of a district's events.</summary>
    public static string Source(string district) => $"/districts/{district}";
}
