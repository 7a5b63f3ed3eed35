using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using FundLedger.Store;

namespace FundLedger.Health;

/// <summary>
/// /health/live: the process answers (restart it if not). /health/ready: PostgreSQL answers, the schema is there
/// (the migration ran) and projections are not stalled (send it traffic only then). Both are anonymous and cheap.
/// </summary>
public static class HealthChecks
{
    private const string Ready = "ready";

    public static IServiceCollection AddLedgerHealth(this IServiceCollection services)
    {
        services.AddSingleton<LedgerDatabase>();
        services.AddSingleton<DatabaseOutage>();
        services.AddSingleton<ProjectionLagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionLagMonitor>());
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("postgresql", tags: [Ready])
            .AddCheck<ProjectionCheck>("projections", tags: [Ready]);
        return services;
    }

    public static WebApplication MapLedgerHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write });
        return app;
    }

    /// <summary>A small JSON body naming each check, so an operator sees which dependency failed.</summary>
    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    private sealed class DatabaseCheck(LedgerDatabase database, LedgerStartup startup) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (!startup.Ready) return HealthCheckResult.Unhealthy($"Starting: {startup.WaitingFor}");
            // Every database of the district map, naming any that is away. Some away and some answering is Degraded (still
            // ready, 200): the replica serves the other databases' districts, and answers 503 for the ones away; only when
            // none answers is it not ready, so one group's outage does not take every replica out of the load balancer.
            var problems = new List<string>();
            foreach (var pool in database.Pools)
            {
                try
                {
                    await using var command = pool.DataSource.CreateCommand(Store.EventStoreSql.EventStoreExists);
                    if (!(bool)(await command.ExecuteScalarAsync(ct))!)
                        problems.Add($"database {pool.Database.Name} answers but the schema is missing: run the migration (`migrate`)");
                }
                catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
                {
                    problems.Add($"database {pool.Database.Name} does not answer: {e.Message}");
                }
            }
            if (problems.Count == 0)
                return HealthCheckResult.Healthy(database.Pools.Count == 1 ? "PostgreSQL answers and the event store exists"
                    : $"PostgreSQL answers and the event store exists in all {database.Pools.Count} databases");
            var described = "PostgreSQL: " + string.Join("; ", problems);
            return problems.Count < database.Pools.Count ? HealthCheckResult.Degraded(described) : HealthCheckResult.Unhealthy(described);
        }
    }

    private sealed class ProjectionCheck(ProjectionLagMonitor monitor, LedgerStartup startup) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (!startup.Ready) return HealthCheckResult.Unhealthy("Not sampled: the service is starting");
            LagSample sample;
            // The first probe may come before the background sampler's first run: sample now rather than guess.
            try { sample = monitor.Latest ?? await monitor.SampleAsync(ct); }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                return HealthCheckResult.Unhealthy("Not sampled: PostgreSQL does not answer");
            }
            return sample.Stalled
                ? HealthCheckResult.Unhealthy($"Projections stalled: {sample.Lag} events behind and not catching up")
                : HealthCheckResult.Healthy($"Projection lag {sample.Lag} events at {sample.At:O}");
        }
    }
}
