using System.Net;
using FundLedger.Tests.Infrastructure;
using Npgsql;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// The group commit through HTTP, with the group made on purpose: another transaction holds the lock the writers need,
/// so the writes sent meanwhile queue up and commit together in one transaction once it is released. One pipeline, so the
/// writes of every line meet in one queue (with two, each line's writes queue for their own: PipelineAffinityTests).
/// </summary>
public sealed class WriteGroupTests : IAsyncLifetime
{
    private readonly LedgerApp _app = LedgerApp.With(new Dictionary<string, string> { ["FundLedger:Writes:Pipelines"] = "1" });
    private readonly WriterControl _writers;

    public WriteGroupTests() => _writers = new WriterControl(_app);

    public Task InitializeAsync() => _app.InitializeAsync();
    public Task DisposeAsync() => _app.DisposeAsync();

    private LedgerApp App => _app;

    private Api NewDistrict() => _app.For(_app.NewDistrict());

    [Fact]
    public async Task A_group_mixing_refusals_replays_and_a_contested_voucher_over_several_lines_commits_once_in_arrival_order()
    {
        var api = NewDistrict();
        foreach (var code in new[] { "P001", "P002", "P003" }) await api.Enact(code, 1_000.00m);
        var earlier = await api.Disburse("P001", "V-OLD", 10.00m);
        // What V1 leaves of P001 once V-OLD and one 1.00 blocker per pipeline are paid.
        var rest = 1_000.00m - 10.00m - _writers.Pipelines * 1.00m - 600.00m;

        var sends = new Func<Task<Answer>>[]
        {
            () => api.Disburse("P001", "V1", 600.00m),      // recorded
            () => api.Disburse("P001", "V2", rest + 0.01m), // refused: V1 left only `rest` of P001
            () => api.Disburse("P001", "V-OLD", 10.00m),    // replay of an answer from before the group
            () => api.Disburse("P002", "V3", 100.00m),      // recorded
            () => api.Disburse("P002", "V3", 100.00m),      // replay of V3, decided earlier in this group
            () => api.Disburse("P003", "V3", 100.00m),      // the same voucher for another line: refused
            () => api.Disburse("P001", "V4", rest),         // recorded: exactly what V1 and the blockers left
            () => api.Disburse("P404", "V5", 1.00m),        // no such appropriation
        };
        IReadOnlyList<Task<Answer>> blockers;
        var group = new List<Task<Answer>>();
        await using (await _writers.HoldLineAsync(api.District, "P001"))
        {
            // Every pipeline takes a write of P001 and waits for the lock; what comes next queues, in the order sent.
            blockers = await _writers.OnePerPipelineAsync(Enumerable.Range(1, _writers.Pipelines)
                .Select(i => (Func<Task<Answer>>)(() => api.Disburse("P001", $"B{i}", 1.00m))));
            foreach (var send in sends)
            {
                group.Add(send());
                await _writers.QueuedAsync(group.Count);
            }
        }
        var answers = await Task.WhenAll(group);
        Assert.All(await Task.WhenAll(blockers), b => Assert.Equal(HttpStatusCode.Created, b.Status));

        Assert.Equal([201, 409, 201, 201, 201, 409, 201, 404], answers.Select(a => (int)a.Status));
        Assert.Equal("https://fundledger.org/problems/budget-exceeded", answers[1].Text("type"));
        Assert.Equal("https://fundledger.org/problems/duplicate-voucher", answers[5].Text("type"));
        Assert.Equal("https://fundledger.org/problems/appropriation-not-found", answers[7].Text("type"));
        Assert.True(answers[2].Replayed);
        Assert.Equal(earlier.Raw, answers[2].Raw);
        Assert.True(answers[4].Replayed);
        Assert.Equal(answers[3].Raw, answers[4].Raw);
        Assert.Equal(0.00m, answers[6].Money("availableAfter"));

        foreach (var (voucher, times) in new[] { ("V1", 1), ("V2", 0), ("V-OLD", 1), ("V3", 1), ("V4", 1), ("V5", 0) })
            Assert.Equal(times, await App.CountEventsAsync(api.District, "disbursement_recorded", voucher));
        Assert.Equal(1_000.00m, (await api.Appropriation("P001")).Money("executed"));
        Assert.Equal(100.00m, (await api.Appropriation("P002")).Money("executed"));
        Assert.Equal(0.00m, (await api.Appropriation("P003")).Money("executed"));
        // One transaction: the group's events share their transaction's timestamp, in the order the writes arrived.
        var recorded = await RecordedAsync(api.District, ["V1", "V3", "V4"]);
        Assert.Single(recorded.Select(r => r.At).Distinct());
        Assert.Equal(["V1", "V3", "V4"], recorded.Select(r => r.Voucher));
    }

    [Fact]
    public async Task A_connection_terminated_while_the_group_waits_is_retried_and_every_write_lands_once()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);
        var vouchers = Enumerable.Range(1, 8).Select(i => $"T{i}").ToArray();

        Task<Answer>[] sent;
        await using (await _writers.HoldLineAsync(api.District, "P001"))
        {
            // One write per pipeline waits for the lock inside its transaction; the others queue for the next group.
            var waiting = await _writers.OnePerPipelineAsync(vouchers.Take(_writers.Pipelines)
                .Select(v => (Func<Task<Answer>>)(() => api.Disburse("P001", v, 10.00m))));
            var queued = new List<Task<Answer>>();
            foreach (var voucher in vouchers.Skip(_writers.Pipelines))
            {
                queued.Add(api.Disburse("P001", voucher, 10.00m));
                await _writers.QueuedAsync(queued.Count);
            }
            sent = [.. waiting, .. queued];
            Assert.Equal(_writers.Pipelines, await _writers.TerminateWritersAsync(api.District));
        }
        await AssertEachRecordedOnceAsync(api, vouchers, await Task.WhenAll(sent));
    }

    [Fact]
    public async Task A_connection_terminated_during_the_commit_is_settled_by_asking_the_database_and_the_write_lands_once()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);

        Task<Answer> sent;
        // An uncommitted claim of the same key holds the group inside its second round trip (the claim insert waits for it).
        await using (await _writers.HoldAsync(
            "insert into fundledger.request_claims (tenant_id, id, data) " +
            "values ($1, 'voucher:C1', '{}')", api.District))
        {
            sent = api.Disburse("P001", "C1", 10.00m);
            await _writers.WritersWaitingAsync(1);
            Assert.True(await _writers.TerminateWritersAsync(api.District) >= 1);
            // The committer finds the commit did not happen and tries again, which waits on the claim once more.
            await _writers.WritersWaitingAsync(1);
        }
        await AssertEachRecordedOnceAsync(api, ["C1"], [await sent]);
    }

    /// <summary>
    /// The database was back at once, so the committer's own retry (each write alone, on a new connection) recorded every
    /// write: each is answered 201 and is in the ledger exactly once; a client's resend is answered with that receipt.
    /// </summary>
    private async Task AssertEachRecordedOnceAsync(Api api, IReadOnlyList<string> vouchers, IReadOnlyList<Answer> answers)
    {
        for (var i = 0; i < vouchers.Count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, answers[i].Status);
            Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", vouchers[i]));
            var resent = await api.Disburse("P001", vouchers[i], 10.00m);
            Assert.True(resent.Replayed);
            Assert.Equal(answers[i].Raw, resent.Raw);
        }
        var line = await api.Appropriation("P001");
        Assert.Equal(10.00m * vouchers.Count, line.Money("executed"));
        Assert.Equal(1 + vouchers.Count, line.Node("version")!.GetValue<long>());
    }

    private async Task<IReadOnlyList<(string Voucher, DateTime At)>> RecordedAsync(string district, string[] vouchers)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select data ->> 'voucherNo', timestamp from fundledger.events
            where tenant_id = $1 and type = 'disbursement_recorded' and data ->> 'voucherNo' = any($2) order by seq_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        command.Parameters.Add(new NpgsqlParameter { Value = vouchers });
        var rows = new List<(string, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetDateTime(1)));
        return rows;
    }
}
