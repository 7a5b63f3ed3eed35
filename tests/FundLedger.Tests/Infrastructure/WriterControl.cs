using FundLedger.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FundLedger.Tests.Infrastructure;

/// <summary>
/// Puts the group commit into a known state from outside, as a fault would: a lock held by another transaction, the
/// writers' backends found (and terminated) in pg_stat_activity, and the committer's queue observed. Every wait here
/// polls a condition of the real system, with a deadline.
/// </summary>
public sealed class WriterControl(LedgerApp app)
{
    private GroupCommitter Committer => app.Services.GetRequiredService<GroupCommitter>();

    public int Pipelines => Committer.Pipelines;

    /// <summary>Another transaction that holds a row lock (or an uncommitted claim) until disposed, then rolls back.</summary>
    // The first value names the district: the lock is taken in its database.
    public async Task<IAsyncDisposable> HoldAsync(string sql, params object[] values) =>
        await HeldTransaction.BeginAsync(app.ConnectionStringFor((string)values[0]), sql, values);

    public Task<IAsyncDisposable> HoldLineAsync(string district, string code, int year = 2020) =>
        HoldAsync("select 1 from fundledger.streams where tenant_id = $1 and id = $2 for update", district, $"{year}/{code}");

    /// <summary>Waits until <paramref name="count"/> writer backends wait for a lock.</summary>
    public Task WritersWaitingAsync(int count) =>
        UntilAsync(async () => await WaitingWritersAsync() >= count, $"{count} writers waiting on a lock");

    /// <summary>Sends one write per pipeline, each once the one before waits for a lock, so each is a group of its own.</summary>
    public async Task<IReadOnlyList<Task<T>>> OnePerPipelineAsync<T>(IEnumerable<Func<Task<T>>> sends)
    {
        var sent = new List<Task<T>>();
        foreach (var send in sends)
        {
            sent.Add(send());
            await WritersWaitingAsync(sent.Count);
        }
        return sent;
    }

    /// <summary>Waits until the committer's queue holds <paramref name="count"/> writes.</summary>
    public Task QueuedAsync(int count) => UntilAsync(() => Task.FromResult(Committer.Queued >= count), $"{count} writes queued");

    /// <summary>Terminates every writer backend of a district's database (pg_terminate_backend), as a dropped connection would.</summary>
    public async Task<int> TerminateWritersAsync(string district) =>
        (int)await WritersAsync("count(pg_terminate_backend(pid))", "datname = $3", app.DatabaseOf(district));

    /// <summary>How many writer backends wait for a lock now.</summary>
    public Task<long> WaitingWritersAsync() => WritersAsync("count(*)", "wait_event_type = 'Lock'");

    /// <summary>An aggregate over the writer backends of the service's databases in pg_stat_activity.</summary>
    private async Task<long> WritersAsync(string aggregate, string condition, string? database = null)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select {aggregate} from pg_stat_activity where datname = any($2) and application_name = $1 and {condition}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = GroupCommitter.ApplicationName });
        command.Parameters.Add(new NpgsqlParameter { Value = app.Databases.ToArray() });
        if (database is not null) command.Parameters.Add(new NpgsqlParameter { Value = database });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        Until.TrueAsync(condition, what, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));
}
