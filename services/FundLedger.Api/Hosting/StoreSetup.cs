using FundLedger.Appropriations;
using FundLedger.Ledger;
using FundLedger.Store;

namespace FundLedger.Hosting;

public static class StoreSetup
{
    /// <summary>
    /// The ledger's store: its databases (one, or a map of district groups), its read pools and what it holds (the ledger's
    /// events and documents). With <c>FundLedger:ApplySchemaOnStartup</c> false the service issues no DDL at all: the
    /// schema comes from the <c>migrate</c> command, run by a role that owns it, and the service's own role needs data
    /// rights only.
    /// </summary>
    public static IServiceCollection AddLedgerStore(this IServiceCollection services)
    {
        services.AddSingleton<LedgerDatabases>();
        services.AddSingleton(LedgerEvents.Model);
        services.AddSingleton<ILedgerProjection, AppropriationProjection>();
        services.AddSingleton<LedgerStore>();
        // The schema is applied (or, without ApplySchemaOnStartup, required) by LedgerStartup, which keeps trying while
        // PostgreSQL does not answer instead of failing the start; registered first, so with PostgreSQL up it is in place
        // before the other background work starts.
        services.AddSingleton<Health.LedgerStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<Health.LedgerStartup>());
        return services;
    }
}
