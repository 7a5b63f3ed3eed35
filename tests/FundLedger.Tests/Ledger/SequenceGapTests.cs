using System.Net;
using Npgsql;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// The store's rule for subscriptions: writers racing for the same keys never leave a hole in the event sequence, because a
/// group writes its new streams and claims before it takes the commit-order lock and draws sequence numbers
/// (Ledger/LedgerTables.CommitAsync), so a group that loses such a race fails before its nextval. A subscription reading by
/// sequence (Marten's high-water mark, the line cache, a relay) never waits on a gap a lost race left.
/// </summary>
public sealed class SequenceGapTests : IAsyncLifetime
{
    // Three pipelines: groups of one database in flight at once, as two replicas would have them.
    private readonly LedgerApp _app = LedgerApp.With(new Dictionary<string, string> { ["FundLedger:Writes:Pipelines"] = "3" });

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Writers_racing_for_the_same_appropriations_and_vouchers_leave_no_gap_in_the_sequence()
    {
        var api = _app.For(_app.NewDistrict());
        // Each code enacted four times at once (one body each time: a replay, never a conflict), then each voucher paid
        // three times at once, once with another amount (a conflict that must be refused without a trace).
        var enacts = await Task.WhenAll(Enumerable.Range(0, 40).Select(n => api.Enact($"L{n % 10}", 1_000m)));
        Assert.All(enacts, a => Assert.True(a.Status == HttpStatusCode.Created, a.Raw));
        var payments = await Task.WhenAll(Enumerable.Range(0, 60).Select(n =>
            api.Disburse($"L{n % 10}", $"V{n % 20}", n < 40 ? 10m : 11m)));
        Assert.All(payments, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, a.Raw));
        Assert.Equal(20, payments.Count(p => p.Status == HttpStatusCode.Created && !p.Replayed));

        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*), min(seq_id), max(seq_id) from fundledger.events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (count, first, last) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        Assert.Equal(30, count);
        Assert.Equal(last - first + 1, count);
    }
}
