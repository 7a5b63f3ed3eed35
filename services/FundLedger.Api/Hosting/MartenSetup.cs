using FundLedger.Appropriations;
using FundLedger.Audit;
using FundLedger.Disbursements;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using FundLedger.YearEnd;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Storage;
using JasperFx.MultiTenancy;
using Weasel.Core;

namespace FundLedger.Hosting;

public static class MartenSetup
{
    public const string Schema = "fundledger";

    public const string ConnectionName = "FundLedger";

    public static IServiceCollection AddLedgerStore(this IServiceCollection services)
    {
        services.AddMarten(sp =>
        {
            var o = new StoreOptions();
            o.Connection(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName)
                ?? throw new InvalidOperationException($"Set ConnectionStrings__{ConnectionName} (the README's run command does it for you)."));
            o.DatabaseSchemaName = Schema;
            o.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

            // The district in the path is the tenant: one table set, every row tagged, every query filtered.
            o.Events.TenancyStyle = TenancyStyle.Conjoined;
            o.Policies.AllDocumentsAreMultiTenanted();
            o.Events.StreamIdentity = StreamIdentity.AsString;
            // Who and why on every event: correlation = the request's trace id, causation = the request, the user,
            // and headers for the client system and the Idempotency-Key.
            o.Events.MetadataConfig.CorrelationIdEnabled = true;
            o.Events.MetadataConfig.CausationIdEnabled = true;
            o.Events.MetadataConfig.UserNameEnabled = true;
            o.Events.MetadataConfig.HeadersEnabled = true;

            // Inline: figures change in the transaction that records the event, so a client reads its own writes.
            o.Projections.Add<AppropriationProjection>(ProjectionLifecycle.Inline);
            o.Projections.Add<DisbursementProjection>(ProjectionLifecycle.Inline);
            o.Projections.Add<FiscalYearProjection>(ProjectionLifecycle.Inline);
            o.Schema.For<Appropriation>().Duplicate(a => a.Year);
            o.Schema.For<IdempotencyRecord>();
            o.Listeners.Add(new CommittedEventMetrics());
            return o;
        })
        .UseLightweightSessions()
        // Schema changes are applied when the service starts, so a failed migration stops the start instead of
        // turning the first requests into 500s.
        .ApplyAllDatabaseChangesOnStartup();
        // After Marten's own start-up work: the chain triggers need mt_events to exist.
        services.AddHostedService<EventChainSchema>();
        return services;
    }
}
