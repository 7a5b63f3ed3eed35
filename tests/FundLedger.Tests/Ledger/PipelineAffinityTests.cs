using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// Two pipelines per database (the default): each appropriation's writes queue for one of them, so a held line holds up
/// only its own pipeline, its writes wait in arrival order rather than in two pipelines' transactions at once, and the
/// other pipeline goes on committing other lines meanwhile.
/// </summary>
public sealed class PipelineAffinityTests(LedgerApp app) : LedgerTest(app)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly WriterControl _writers = new(app);

    [Fact]
    public async Task Writes_of_a_held_line_queue_behind_one_pipeline_while_the_other_commits_other_lines()
    {
        Assert.Equal(2, _writers.Pipelines);
        var api = NewDistrict();
        var others = Enumerable.Range(2, 8).Select(i => $"P{i:D3}").ToArray();
        foreach (var code in others.Prepend("P001")) await api.Enact(code, 1_000.00m);

        Task<Answer> first, second;
        Task<Answer>[] elsewhere;
        Answer committedWhileHeld;
        await using (await _writers.HoldLineAsync(api.District, "P001"))
        {
            first = api.Disburse("P001", "H1", 1.00m);
            await _writers.WritersWaitingAsync(1);
            second = api.Disburse("P001", "H2", 1.00m);
            // Queued behind the pipeline that waits for P001, not taken by the idle one (which would wait for the lock too).
            await _writers.QueuedAsync(1);
            Assert.Equal(1, await _writers.WaitingWritersAsync());
            // Lines of the other pipeline are recorded while P001 is still held.
            elsewhere = others.Select(code => api.Disburse(code, $"O-{code}", 1.00m)).ToArray();
            committedWhileHeld = await (await Task.WhenAny(elsewhere).WaitAsync(Deadline));
            Assert.False(first.IsCompleted);
            Assert.False(second.IsCompleted);
        }
        Assert.Equal(HttpStatusCode.Created, committedWhileHeld.Status);
        Assert.All(await Task.WhenAll(elsewhere), a => Assert.Equal(HttpStatusCode.Created, a.Status));
        var (h1, h2) = (await first, await second);
        Assert.Equal(HttpStatusCode.Created, h1.Status);
        Assert.Equal(HttpStatusCode.Created, h2.Status);
        // In the order they arrived: H2 decided after H1, against what H1 left.
        Assert.Equal(h1.Money("availableAfter") - 1.00m, h2.Money("availableAfter"));
        Assert.Equal(2.00m, (await api.Appropriation("P001")).Money("executed"));
    }
}
