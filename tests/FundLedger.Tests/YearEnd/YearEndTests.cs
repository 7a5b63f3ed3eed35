using System.Net;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.YearEnd;

public sealed class YearEndTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task A_carry_forward_creates_next_years_carried_over_line_linked_both_ways()
    {
        var y2020 = NewDistrict();
        await y2020.Enact("P-JS1", 20_000_000m, "2070199");

        var carried = await y2020.CarryForward("P-JS1", 20_000_000m, targetCode: "P-JS1-2021");
        var retry = await y2020.CarryForward("P-JS1", 20_000_000m, targetCode: "P-JS1-2021");

        Assert.Equal(HttpStatusCode.Created, carried.Status);
        Assert.Equal(carried.Raw, retry.Raw);
        var source = await y2020.Appropriation("P-JS1");
        Assert.Equal(20_000_000m, source.Money("carried"));
        Assert.Equal(0m, source.Money("available"));
        Assert.Equal(2021, source.Node("carriedTo")![0]!["year"]!.GetValue<int>());
        Assert.Equal("P-JS1-2021", source.Node("carriedTo")![0]!["code"]!.GetValue<string>());
        var target = await y2020.InYear(2021).Appropriation("P-JS1-2021");
        Assert.Equal("carried-over", target.Text("fundSource"));
        Assert.Equal(20_000_000m, target.Money("original"));
        Assert.Equal(20_000_000m, target.Money("adjusted"));
        Assert.Equal("2070199", target.Text("functionClass"));
        Assert.Equal(2020, target.Node("carriedFrom.year")!.GetValue<int>());
        Assert.Equal("P-JS1", target.Text("carriedFrom.code"));
        Assert.Equal("treasury-returnable", target.Text("carriedFrom.kind"));
        Assert.Equal(1, await App.CountEventsAsync(y2020.District, "balance_carried_forward"));
    }

    [Fact]
    public async Task Only_the_unspent_balance_can_be_carried_and_what_is_carried_cannot_be_paid()
    {
        var api = NewDistrict();
        await api.Enact("P1", 1_000m);
        await api.Disburse("P1", "V1", 300m);

        var tooMuch = await api.CarryForward("P1", 700.01m);
        var part = await api.CarryForward("P1", 500m);
        var pay = await api.Disburse("P1", "V2", 200.01m);
        var badKind = await api.CarryForward("P1", 1m, kind: "gift");

        Assert.Equal("https://fundledger.org/problems/carry-forward-exceeds-unspent", tooMuch.Text("type"));
        Assert.Equal(HttpStatusCode.Created, part.Status);
        Assert.Equal("P1-JZ2020", part.Text("targetCode"));
        Assert.Equal("https://fundledger.org/problems/budget-exceeded", pay.Text("type"));
        Assert.Equal(["kind"], badKind.ErrorFields);
        Assert.Equal(200m, (await api.Appropriation("P1")).Money("available"));
    }

    [Fact]
    public async Task A_dry_run_previews_and_records_nothing_then_the_close_lapses_every_balance()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "VA", 600m);
        await api.CarryForward("A", 150m);
        await api.Enact("B", 500m, control: "advisory");
        await api.Disburse("B", "VB", 520m);
        await api.Enact("C", 80m);
        var before = await App.CountAllEventsAsync(api.District);

        var preview = await api.Close(dryRun: true);
        Assert.Equal(before, await App.CountAllEventsAsync(api.District));
        var close = await api.Close();

        Assert.True(preview.Node("dryRun")!.GetValue<bool>());
        Assert.Equal(330m, preview.Money("lapsed"));                  // A: 1000 − 600 − 150; B overspent: 0; C: 80
        Assert.Equal(preview.Node("lines")!.ToJsonString(), close.Node("lines")!.ToJsonString());
        Assert.True(close.Node("closed")!.GetValue<bool>());
        foreach (var code in new[] { "A", "C" })
        {
            var line = await api.Appropriation(code);
            Assert.Equal(line.Money("adjusted"), line.Money("carried") + line.Money("lapsed") + line.Money("executed"));
            Assert.True(line.Node("closed")!.GetValue<bool>());
        }
        Assert.Equal(0m, (await api.Appropriation("B")).Money("lapsed"));
        Assert.Equal(3, await App.CountEventsAsync(api.District, "balance_lapsed"));
        Assert.Equal(1, await App.CountEventsAsync(api.District, "fiscal_year_closed"));
        Assert.Equal(4, (await api.Appropriation("A")).Node("version")!.GetValue<long>());   // enacted, paid, carried, lapsed
        var verified = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/verify", null);
        Assert.True(verified.Node("ok")!.GetValue<bool>(), verified.Raw);
    }

    [Fact]
    public async Task A_closed_year_refuses_every_money_event_and_a_second_close_replays_the_first()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 100m);
        var close = await api.Close();
        var events = await App.CountAllEventsAsync(api.District);

        var refused = new[]
        {
            await api.Disburse("A", "V2", 1m),
            await api.Adjust("A", "S1", "supplement", 1m),
            await api.Reverse("V1", 1m, "2020-12-31"),
            await api.CarryForward("A", 1m),
            await api.Enact("NEW", 1m),
            await api.Post("disbursements:batch",
                new { items = new[] { new { appropriationCode = "A", voucherNo = "V3", amount = 1m, paidOn = "2020-12-01" } } }),
        };
        var again = await api.Close();

        Assert.All(refused.Take(5), r => Assert.Equal("https://fundledger.org/problems/year-closed", r.Text("type")));
        Assert.Equal("https://fundledger.org/problems/year-closed", refused[5].Node("items")![0]!["problem"]!["type"]!.GetValue<string>());
        Assert.Equal(close.Raw, again.Raw);
        Assert.Equal(events, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task Nothing_can_be_carried_into_a_closed_year()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.InYear(2021).Close();

        var carried = await api.CarryForward("A", 10m);

        Assert.Equal("https://fundledger.org/problems/year-closed", carried.Text("type"));
        Assert.Equal(0m, (await api.Appropriation("A")).Money("carried"));
    }

    [Fact]
    public async Task A_close_racing_payments_leaves_every_line_footing()
    {
        var api = NewDistrict();
        for (var i = 0; i < 4; i++) await api.Enact($"L{i}", 1_000m);

        var payments = Enumerable.Range(0, 24).Select(i => api.Disburse($"L{i % 4}", $"V{i}", 10m + i)).ToList();
        var close = api.Close();
        var answers = await Task.WhenAll(payments.Append(close));

        Assert.Equal(HttpStatusCode.OK, (await close).Status);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK
            || a.Text("type") == "https://fundledger.org/problems/year-closed", a.Raw));
        for (var i = 0; i < 4; i++)
        {
            var line = await api.Appropriation($"L{i}");
            Assert.Equal(line.Money("adjusted"), line.Money("lapsed") + line.Money("executed"));
        }
    }

    [Fact]
    public async Task A_batch_racing_single_payments_and_the_close_records_each_payment_once_and_none_after_the_close()
    {
        var api = NewDistrict();
        await api.Enact("L0", 2_000m);
        await api.Enact("L1", 2_000m);
        // Sent in this order, without waiting: payments, the batch, the close, more payments.
        var singles = Enumerable.Range(0, 10).Select(i => api.Disburse($"L{i % 2}", $"S{i}", 25m)).ToList();
        var batch = api.Post("disbursements:batch", new
        {
            items = Enumerable.Range(0, 20).Select(i => new
            {
                appropriationCode = $"L{i % 2}", voucherNo = $"B{i}", amount = 25m, paidOn = "2020-11-30",
            }).ToArray(),
        });
        var close = api.Close();
        singles.AddRange(Enumerable.Range(10, 10).Select(i => api.Disburse($"L{i % 2}", $"S{i}", 25m)));
        await Task.WhenAll(singles.Append(batch).Append(close));

        Assert.Equal(HttpStatusCode.OK, (await close).Status);
        var items = (await batch).Node("items")!.AsArray();
        var singleAnswers = await Task.WhenAll(singles);
        var recorded = items.Select(i => (Voucher: i!["voucherNo"]!.GetValue<string>(), Outcome: i["outcome"]!.GetValue<string>()))
            .Concat(singleAnswers.Select((s, i) =>
                (Voucher: $"S{i}", Outcome: s.Status == HttpStatusCode.Created ? "recorded" : s.Text("type")!)))
            .ToList();
        // Before the close, recorded; after it, refused as year-closed: no third outcome.
        Assert.All(recorded, r => Assert.True(r.Outcome is "recorded" or "refused" or "https://fundledger.org/problems/year-closed",
            $"{r.Voucher}: {r.Outcome}"));
        Assert.All(items.Where(i => i!["outcome"]!.GetValue<string>() == "refused"),
            i => Assert.Equal("https://fundledger.org/problems/year-closed", i!["problem"]!["type"]!.GetValue<string>()));
        foreach (var (voucher, outcome) in recorded)
            Assert.Equal(outcome == "recorded" ? 1 : 0, await App.CountEventsAsync(api.District, "disbursement_recorded", voucher));
        // What the close lapsed is exactly what was left when it ran: nothing was paid out of a line after it.
        var paid = 25m * recorded.Count(r => r.Outcome == "recorded");
        decimal executed = 0, lapsed = 0;
        foreach (var code in new[] { "L0", "L1" })
        {
            var line = await api.Appropriation(code);
            Assert.Equal(line.Money("adjusted"), line.Money("lapsed") + line.Money("executed"));
            executed += line.Money("executed");
            lapsed += line.Money("lapsed");
        }
        Assert.Equal(paid, executed);
        Assert.Equal(4_000m - paid, lapsed);
        // However the race went, a payment or a batch item after the close is refused for the closed year (not for
        // the balance the close took) and records nothing.
        var afterSingle = await api.Disburse("L0", "AFTER-1", 1m);
        var afterBatch = await api.Post("disbursements:batch", new
        {
            items = new[] { new { appropriationCode = "L1", voucherNo = "AFTER-2", amount = 1m, paidOn = "2020-12-01" } },
        });
        Assert.Equal("https://fundledger.org/problems/year-closed", afterSingle.Text("type"));
        Assert.Equal("https://fundledger.org/problems/year-closed", afterBatch.Node("items")![0]!["problem"]!["type"]!.GetValue<string>());
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded", "AFTER-1"));
        Assert.Equal(0, await App.CountEventsAsync(api.District, "disbursement_recorded", "AFTER-2"));
    }

    [Fact]
    public async Task A_carry_forward_racing_a_payment_never_spends_and_carries_more_than_the_line_holds()
    {
        var api = NewDistrict();
        const int lines = 8;
        for (var i = 0; i < lines; i++) await api.Enact($"L{i}", 1_000m);

        // Per line, a payment of 600 and a carry-forward of 500 at once: only one of them fits in 1,000.
        var payments = Enumerable.Range(0, lines).Select(i => api.Disburse($"L{i}", $"V{i}", 600m)).ToList();
        var carries = Enumerable.Range(0, lines).Select(i => api.CarryForward($"L{i}", 500m)).ToList();
        var answers = await Task.WhenAll(payments.Concat(carries));

        for (var i = 0; i < lines; i++)
        {
            var (paid, carried) = (answers[i], answers[lines + i]);
            Assert.True((paid.Status == HttpStatusCode.Created) ^ (carried.Status == HttpStatusCode.Created),
                $"{paid.Raw} | {carried.Raw}");
            if (paid.Status != HttpStatusCode.Created)
                Assert.Equal("https://fundledger.org/problems/budget-exceeded", paid.Text("type"));
            else
                Assert.Equal("https://fundledger.org/problems/carry-forward-exceeds-unspent", carried.Text("type"));
            var line = await api.Appropriation($"L{i}");
            Assert.Equal(paid.Status == HttpStatusCode.Created ? 600m : 0m, line.Money("executed"));
            Assert.Equal(carried.Status == HttpStatusCode.Created ? 500m : 0m, line.Money("carried"));
            var target = await api.InYear(2021).Appropriation($"L{i}-JZ2020");
            Assert.Equal(carried.Status == HttpStatusCode.Created ? HttpStatusCode.OK : HttpStatusCode.NotFound, target.Status);
        }
    }

    [Fact]
    public async Task A_carry_forward_key_replays_its_request_and_refuses_another_body_with_carry_forward_conflict()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);

        var first = await api.CarryForward("A", 100m, targetCode: "A-JZ");
        var retry = await api.CarryForward("A", 100m, targetCode: "A-JZ");
        var other = await api.CarryForward("A", 150m, targetCode: "A-JZ");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("https://fundledger.org/problems/carry-forward-conflict", other.Text("type"));
        Assert.Equal(100m, (await api.Appropriation("A")).Money("carried"));
        Assert.Equal(100m, (await api.InYear(2021).Appropriation("A-JZ")).Money("original"));
    }

    [Fact]
    public async Task A_carry_forward_into_an_existing_line_or_from_an_unknown_one_is_refused()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.InYear(2021).Enact("TAKEN", 50m);
        var events = await App.CountAllEventsAsync(api.District);

        var taken = await api.CarryForward("A", 100m, targetCode: "TAKEN");
        var unknown = await api.CarryForward("NOPE", 100m);

        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal("https://fundledger.org/problems/appropriation-exists", taken.Text("type"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("https://fundledger.org/problems/appropriation-not-found", unknown.Text("type"));
        Assert.Equal(events, await App.CountAllEventsAsync(api.District));
        Assert.Equal(50m, (await api.InYear(2021).Appropriation("TAKEN")).Money("adjusted"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public async Task A_carry_forward_of_zero_or_less_is_a_400_naming_amount(int amount)
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);

        var answer = await api.CarryForward("A", amount);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["amount"], answer.ErrorFields);
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Theory]
    [InlineData("2021-01-15", "2021-01-15")]
    [InlineData(null, "2020-12-31")]
    public async Task A_carried_over_line_is_enacted_on_the_carry_s_business_date(string? carriedOn, string enactedOn)
    {
        var api = NewDistrict();
        await api.Enact("P1", 1_000m);
        var carry = await api.Post("carry-forwards",
            new
            {
                appropriationCode = "P1", amount = 100m, kind = "unit-retained", reason = "尾款结转", targetCode = "P1-JZ",
                carriedOn
            });
        Assert.Equal(HttpStatusCode.Created, carry.Status);
        Assert.Equal(enactedOn, (await api.InYear(2021).Appropriation("P1-JZ")).Text("enactedOn"));
    }

    [Fact]
    public async Task Sending_the_default_date_is_the_same_request_as_sending_none()
    {
        var api = NewDistrict();
        await api.Enact("P1", 1_000m);
        object Carry(string? carriedOn) =>
            new { appropriationCode = "P1", amount = 100m, kind = "unit-retained", reason = "r", targetCode = "T", carriedOn };
        var first = await api.Post("carry-forwards", Carry(null));
        var dated = await api.Post("carry-forwards", Carry("2020-12-31"));
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.True(dated.Replayed, dated.Raw);
        var other = await api.Post("carry-forwards", Carry("2021-01-05"));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
    }

    [Theory]
    [InlineData("2019-12-31")]
    [InlineData("2022-01-01")]
    [InlineData("31/12/2020")]
    public async Task A_carry_forward_date_outside_the_two_years_or_malformed_is_a_400_naming_carriedOn(string carriedOn)
    {
        var api = NewDistrict();
        await api.Enact("P1", 1_000m);
        var answer = await api.Post("carry-forwards",
            new { appropriationCode = "P1", amount = 100m, kind = "unit-retained", reason = "r", carriedOn });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["carriedOn"], answer.ErrorFields);
    }
}
