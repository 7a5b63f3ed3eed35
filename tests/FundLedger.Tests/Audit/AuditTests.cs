using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;
using Npgsql;

namespace FundLedger.Tests.Audit;

public sealed class AuditTests(LedgerApp app) : LedgerTest(app)
{
    private async Task<List<JsonNode>> Feed(Api api, string query = "")
    {
        var answer = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events{query}", null);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/x-ndjson", answer.Response.Content.Headers.ContentType?.MediaType);
        return answer.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    private async Task<JsonNode> Verify(Api api) =>
        (await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/verify", null)).Body!;

    private async Task Sql(string sql, params (string Name, object Value)[] parameters)
    {
        // The database of the district the statement names (@d).
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor((string)parameters.Single(p => p.Name == "d").Value));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Every_event_carries_its_trace_who_which_system_and_idempotency_key()
    {
        var api = NewDistrict();
        var clerk = api.WithToken(App.Token(api.District, subject: "li.si", clientId: "ft-budget-system"));
        await clerk.Enact("P001", 100m);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{api.Base}/appropriations/P001/disbursements")
        {
            Content = new StringContent(
                """{"voucherNo":"V1","amount":"10.00","paidOn":"2020-03-01"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization =
            new AuthenticationHeaderValue("Bearer", App.Token(api.District, subject: "li.si", clientId: "ft-budget-system"));
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        request.Headers.Add("Idempotency-Key", "pay-0001");
        Assert.Equal(HttpStatusCode.Created, (await App.Client.SendAsync(request)).StatusCode);

        var paid = (await Feed(api)).Single(e => e["type"]!.GetValue<string>() == "disbursement_recorded");

        Assert.Equal(traceId, paid["correlationId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(paid["causationId"]!.GetValue<string>()));
        Assert.Equal("li.si", paid["user"]!.GetValue<string>());
        Assert.Equal("ft-budget-system", paid["clientId"]!.GetValue<string>());
        Assert.Equal("pay-0001", paid["idempotencyKey"]!.GetValue<string>());
        Assert.Equal("V1", paid["data"]!["voucherNo"]!.GetValue<string>());
        Assert.Equal(64, paid["hash"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task The_feed_pages_in_sequence_order_and_the_history_lists_one_appropriation()
    {
        var api = NewDistrict();
        await api.Enact("A", 100m);
        await api.Enact("B", 100m);
        for (var i = 0; i < 3; i++) await api.Disburse("A", $"V{i}", 1m);

        var all = await Feed(api);
        var sequences = all.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        var page = await Feed(api, $"?fromSequence={sequences[2]}&limit=2");
        var history = await api.Get("appropriations/A/events");

        Assert.Equal(5, all.Count);
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Skip(2).Take(2), page.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.Equal([1L, 2L, 3L, 4L], history.Body!.AsArray().Select(e => e!["version"]!.GetValue<long>()));
        Assert.All(history.Body!.AsArray(), e => Assert.Equal("2020/A", e!["stream"]!.GetValue<string>()));
        Assert.Equal(all.Select(e => e["chainPosition"]!.GetValue<long>()), [1L, 2L, 3L, 4L, 5L]);
        Assert.Equal(["fromSequence", "limit"],
            (await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events?fromSequence=x&limit=0", null))
                .ErrorFields.Order());
    }

    [Fact]
    public async Task Verify_passes_then_names_a_projection_figure_corrupted_in_the_database()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 100m);
        await api.CarryForward("A", 50m);
        Assert.True((await Verify(api))["ok"]!.GetValue<bool>());

        await Sql("update fundledger.appropriations set data = jsonb_set(data, '{disbursed}', '999.00') " +
            "where tenant_id = @d and id = '2020/A'", ("d", api.District));
        var verified = await Verify(api);

        Assert.False(verified["ok"]!.GetValue<bool>());
        Assert.True(verified["chain"]!["intact"]!.GetValue<bool>());
        var difference = verified["projections"]!["differences"]!.AsArray().Single()!;
        Assert.Equal(("2020/A", "disbursed", "999.00", "100.00"),
            (difference["appropriation"]!.GetValue<string>(), difference["figure"]!.GetValue<string>(),
             difference["live"]!.GetValue<string>(), difference["replayed"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_event_that_commits_after_later_ones_were_linked_still_gets_its_link()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        // A transaction takes sequence number N, and N + 1 … commit and are linked before it commits.
        var late = await Scalar<long>("select nextval('fundledger.event_sequence')", api.District);
        await api.Disburse("A", "V1", 100m);
        Assert.Equal(2, (await Feed(api)).Count);

        await Sql("""
            insert into fundledger.streams (tenant_id, id, type, version, timestamp, created)
            values (@d, 'late-commit-probe', 'probe', 1, now(), now());
            insert into fundledger.events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, user_name)
            values (@s, gen_random_uuid(), 'late-commit-probe', 1, '{}', 'late_commit_probe', now(), @d, 'test')
            """, ("d", api.District), ("s", late));

        // Reading the feed seals first; its pass reaches back below the newest link, so it finds the event under it.
        var feed = await Feed(api);
        var linked = feed.Single(e => e["sequence"]!.GetValue<long>() == late);
        Assert.Equal(64, linked["hash"]!.GetValue<string>().Length);
        Assert.Equal([1L, 2L, 3L], feed.Select(e => e["chainPosition"]!.GetValue<long>()).Order());
        Assert.True((await Verify(api))["chain"]!["intact"]!.GetValue<bool>());
    }

    private async Task<T> Scalar<T>(string sql, string district)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_service_role_cannot_update_delete_or_truncate_recorded_events()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        Assert.Single(await Feed(api));      // reading the feed seals the chain, so the event has its link

        foreach (var sql in new[]
        {
            "update fundledger.events set data = jsonb_set(data, '{originalAmount}', '1') where tenant_id = @d",
            "delete from fundledger.events where tenant_id = @d",
            "truncate fundledger.events",
            "delete from fundledger.event_chain where tenant_id = @d",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql(sql, ("d", api.District)));
            Assert.Contains("recorded events are immutable", refused.MessageText);
        }
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task An_event_edited_behind_the_services_back_breaks_the_chain_at_that_event()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 100m);
        await api.Disburse("A", "V2", 200m);
        var victim = (await Feed(api)).Single(e => e["data"]!["voucherNo"]?.GetValue<string>() == "V1")["sequence"]!.GetValue<long>();

        // Someone with the table owner's rights switches the guard off, edits a payment and switches it back on.
        await Sql("""
            alter table fundledger.events disable trigger fundledger_immutable;
            update fundledger.events set data = jsonb_set(data, '{amount}', '1.00') where tenant_id = @d and seq_id = @s;
            alter table fundledger.events enable trigger fundledger_immutable;
            """, ("d", api.District), ("s", victim));
        var verified = await Verify(api);

        Assert.False(verified["ok"]!.GetValue<bool>());
        var broken = verified["chain"]!["breaks"]!.AsArray().Single()!;
        Assert.Equal(victim, broken["sequence"]!.GetValue<long>());
        Assert.Equal("the event differs from what was recorded", broken["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_history_of_an_unknown_line_is_404_and_a_bundle_needs_its_year()
    {
        var api = NewDistrict();
        await api.Enact("A", 100m);

        var history = await api.Get("appropriations/NOPE/events");
        var otherYear = await api.InYear(2021).Get("appropriations/A/events");
        var bundle = await api.Get($"/api/v1/districts/{api.District}/audit/bundle");

        Assert.Equal(HttpStatusCode.NotFound, history.Status);
        Assert.Equal("https://fundledger.org/problems/appropriation-not-found", history.Text("type"));
        Assert.Equal(HttpStatusCode.NotFound, otherYear.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bundle.Status);
        Assert.Equal(["year"], bundle.ErrorFields);
    }
}
