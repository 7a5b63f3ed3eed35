using System.Net;
using CsCheck;
using FundLedger.Tests.Infrastructure;
using Npgsql;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// Random interleavings of concurrent payments over a few hard-controlled appropriations, with vouchers and
/// Idempotency-Keys reused on purpose, checked against what a ledger deciding one write at a time allows.
/// </summary>
public sealed class WriteInterleavingPropertyTests(LedgerApp app) : LedgerTest(app)
{
    private sealed record Payment(int Line, int Voucher, decimal Amount, int? Key);

    private static readonly Gen<(decimal[] Budgets, Payment[][] Waves)> Scenarios =
        from budgets in Gen.Int[1, 40].Select(b => b * 25.00m).Array[2, 3]
        from waves in Gen.Select(Gen.Int[0, 2], Gen.Int[0, 11], Gen.Int[1, 60].Select(a => a * 2.50m),
                Gen.Int[0, 7].Select(k => k < 6 ? (int?)null : k))
            .Select((line, voucher, amount, key) => new Payment(line, voucher, amount, key))
            .Array[1, 12].Array[1, 4]
        select (budgets, waves);

    [Fact]
    public Task Concurrent_writes_never_overspend_record_each_201_once_and_replay_byte_for_byte() =>
        Scenarios.SampleAsync(async scenario => await CheckAsync(scenario.Budgets, scenario.Waves), iter: 12, threads: 1);

    private async Task CheckAsync(decimal[] budgets, Payment[][] waves)
    {
        var api = NewDistrict();
        for (var i = 0; i < budgets.Length; i++) Assert.Equal(HttpStatusCode.Created, (await api.Enact(Code(i), budgets[i])).Status);

        // Each wave is sent all at once; the waves one after another.
        var sent = new List<(Payment Payment, Answer Answer)>();
        foreach (var wave in waves)
        {
            var valid = wave.Select(p => p with { Line = p.Line % budgets.Length }).ToArray();
            var answers = await Task.WhenAll(valid.Select(p =>
                api.Disburse(Code(p.Line), Voucher(p), p.Amount, idempotencyKey: p.Key is { } k ? $"K{k}" : null)));
            sent.AddRange(valid.Zip(answers));
        }

        Assert.All(sent, s => Assert.Contains((int)s.Answer.Status, new[] { 201, 409 }));
        var recorded = await RecordedAsync(api.District);

        // Every first 201 is exactly one event, with its body; so a write refused or replayed recorded nothing of its own.
        var originals = sent.Where(s => s.Answer.Status == HttpStatusCode.Created && !s.Answer.Replayed)
            .ToDictionary(s => Voucher(s.Payment));
        Assert.Equal(originals.Count, recorded.Count);
        Assert.Equal(originals.Values.Select(o => (Voucher(o.Payment), Code(o.Payment.Line), o.Payment.Amount)).Order(),
            recorded.Select(r => (r.Voucher, r.Line, r.Amount)).Order());

        // A replay is its voucher's original answer, byte for byte.
        foreach (var (payment, answer) in sent.Where(s => s.Answer.Replayed))
            Assert.Equal(originals[Voucher(payment)].Answer.Raw, answer.Raw);

        // In commit order the sequential model never overspends, and the figures are the sum of what was recorded.
        var balances = budgets.ToArray();
        foreach (var r in recorded)
        {
            var line = Array.IndexOf(Enumerable.Range(0, budgets.Length).Select(Code).ToArray(), r.Line);
            balances[line] -= r.Amount;
            Assert.True(balances[line] >= 0, $"{r.Line} overspent at voucher {r.Voucher}");
        }
        for (var i = 0; i < budgets.Length; i++)
        {
            var figures = await api.Appropriation(Code(i));
            Assert.Equal(budgets[i] - balances[i], figures.Money("executed"));
            Assert.Equal(balances[i], figures.Money("available"));
            // Budget only shrinks here, so a payment refused for the budget would not fit what is left now either.
            foreach (var refused in sent.Where(s => s.Answer.Text("type")?.EndsWith("budget-exceeded") == true && s.Payment.Line == i))
                Assert.True(refused.Payment.Amount > balances[i]);
        }
    }

    private static string Code(int line) => $"P{line:00}";
    private static string Voucher(Payment p) => $"V{p.Voucher:00}";

    private async Task<List<(string Voucher, string Line, decimal Amount)>> RecordedAsync(string district)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select data ->> 'voucherNo', data ->> 'appropriationCode', (data ->> 'amount')::numeric
            from fundledger.events where tenant_id = $1 and type = 'disbursement_recorded' order by seq_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = district });
        var rows = new List<(string, string, decimal)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
        return rows;
    }
}
