using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Disbursements;

/// <summary>Races on one appropriation: never overspent, every accepted payment recorded once, refused ones not at all.</summary>
public sealed class ConcurrencyTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Concurrent_payments_beyond_the_budget_never_overspend_it()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);
        var amounts = Enumerable.Range(0, 24).Select(i => 60.00m + i).ToArray(); // Σ = 1716 > 1000

        var answers = await Task.WhenAll(amounts.Select((amount, i) => api.Disburse("P001", $"V{i:00}", amount)));

        var accepted = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("https://fundledger.org/problems/budget-exceeded", r.Text("type")));
        var acceptedSum = accepted.Sum(a => a.Money("amount"));
        Assert.True(acceptedSum <= 1_000.00m, $"accepted {acceptedSum}");

        var read = await api.Appropriation("P001");
        Assert.Equal(acceptedSum, read.Money("executed"));
        Assert.Equal(1 + accepted.Count, read.Node("version")!.GetValue<long>());
        // The refused payments were refused for a reason: none of them would have fit in what is left.
        for (var i = 0; i < answers.Length; i++)
            if (answers[i].Status != HttpStatusCode.Created)
                Assert.True(read.Money("available") < amounts[i],
                    $"V{i:00} for {amounts[i]} was refused with {read.Money("available")} left");
        for (var i = 0; i < answers.Length; i++)
            Assert.Equal(answers[i].Status == HttpStatusCode.Created ? 1 : 0,
                await App.CountEventsAsync(api.District, "disbursement_recorded", $"V{i:00}"));
    }

    [Fact]
    public async Task Twenty_concurrent_duplicates_of_one_voucher_record_it_once()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Disburse("P001", "V-DUP", 123.45m)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Raw).Distinct());
        Assert.Equal(19, answers.Count(a => a.Replayed));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "V-DUP"));
        Assert.Equal(123.45m, (await api.Appropriation("P001")).Money("executed"));
    }

    [Fact]
    public async Task Concurrent_duplicates_aimed_at_different_appropriations_record_the_voucher_once()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000.00m);
        await api.Enact("P002", 1_000.00m);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.Disburse(i % 2 == 0 ? "P001" : "P002", "V-X", 10m)));

        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "V-X"));
        var executed = (await api.Appropriation("P001")).Money("executed") + (await api.Appropriation("P002")).Money("executed");
        Assert.Equal(10m, executed);
        // The ten aimed where the winner went are its receipt again; the ten aimed at the other line are another
        // request under the same voucher.
        var winner = (await api.Appropriation("P001")).Money("executed") == 10m ? 0 : 1;
        for (var i = 0; i < answers.Length; i++)
            if (i % 2 == winner)
                Assert.Equal((HttpStatusCode.Created, answers[winner].Raw), (answers[i].Status, answers[i].Raw));
            else
                Assert.Equal((HttpStatusCode.Conflict, "https://fundledger.org/problems/duplicate-voucher"),
                    (answers[i].Status, answers[i].Text("type")));
        Assert.Equal(9, answers.Count(a => a.Replayed));
    }
}
