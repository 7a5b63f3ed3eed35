using FundLedger.Appropriations;
using FundLedger.Audit;
using FundLedger.Disbursements;
using FundLedger.Ledger;
using FundLedger.Telemetry;
using FundLedger.YearEnd;
using JasperFx;
using JasperFx.OpenTelemetry;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Storage;
using JasperFx.MultiTenancy;
using Weasel.Core;
using FundLedger.Store;

namespace FundLedger.Hosting;

public static class MartenSetup
{
    /// <summary>
    /// With <c>FundLedger:ApplySchemaOnStartup</c> false the service issues no DDL at all: the schema comes from the
    /// <c>migrate</c> command, run by a role that owns it, and the service's own role needs data rights only.
    /// </summary>
    public static IServiceCollection AddLedgerStore(this IServiceCollection services, IConfiguration configuration)
    {
        var applySchema = configuration.GetValue("FundLedger:ApplySchemaOnStartup", true);
        services.AddSingleton<LedgerDatabases>();
        services.AddMarten(sp =>
        {
            var o = new StoreOptions();
            var databases = sp.GetRequiredService<LedgerDatabases>();
            if (databases.Single) o.Connection(databases.All[0].ConnectionString);
            else
            {
                // A database per group of districts: a session of a district opens on its database, and every query in it is
                // still filtered by the district (conjoined inside each database, below).
                o.MultiTenantedDatabases(map =>
                {
                    foreach (var database in databases.All)
                        map.AddMultipleTenantDatabase(database.ConnectionString, database.Name).ForTenants([.. database.Districts!]);
                });
            }
            o.DatabaseSchemaName = StoreSchema.Name;
            o.AutoCreateSchemaObjects = applySchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
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

            // The documents the ledger projects from its events. The write pipeline (Ledger/GroupCommitter) writes them in the
            // transaction that records the events, with the ledger's one fold (Ledger/LedgerProjection), so a client reads its
            // own writes; Marten owns their tables and every read. Numeric revisions keep mt_version the stream version.
            o.Schema.For<Appropriation>().Duplicate(a => a.Year).UseNumericRevisions(true);
            o.Schema.For<Disbursement>();
            o.Schema.For<FiscalYear>().UseNumericRevisions(true);
            o.Events.AddEventTypes(LedgerEvents.All);
            o.Schema.For<IdempotencyRecord>();
            // Marten's connection span stays off: in 9.58 it is parented to the grandparent activity (upstream #5459) and
            // was never exported here, orphaning the Npgsql spans under it; without it the SQL spans hang directly under
            // the "ledger <operation>" span. Its event counters (marten.event.append) are not configured: the group commit
            // appends with its own statements, so they would read 0 (fundledger.events.appended counts every event).
            o.OpenTelemetry.TrackConnections = TrackLevel.None;
            // One retry policy for a read, around the whole request (Hosting/ReadRetry): Marten's own would retry each
            // of its statements inside it (3 x 3 attempts), and not the service's own SQL at all.
            o.ConfigurePolly(_ => { });
            return o;
        })
        .UseLightweightSessions();
        // The schema is applied (or, without ApplySchemaOnStartup, required) by LedgerStartup, which keeps trying while
        // PostgreSQL does not answer instead of failing the start; registered first, so with PostgreSQL up it is in place
        // before the other background work starts.
        services.AddSingleton<Health.LedgerStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<Health.LedgerStartup>());
        return services;
    }
}
