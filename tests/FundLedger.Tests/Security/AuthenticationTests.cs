using System.Net;
using FundLedger.Security;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Security;

public sealed class AuthenticationTests(LedgerApp app) : LedgerTest(app)
{
    private string TokenWith(
        Func<AuthSettings, AuthSettings> change, string district, TimeSpan? lifetime = null, DateTime? issuedAt = null) =>
        TokenCommand.Mint(change(App.Auth), "clerk", "system", [district], Scopes.All, lifetime ?? TimeSpan.FromMinutes(5), issuedAt);

    [Fact]
    public async Task Missing_malformed_forged_expired_or_foreign_tokens_are_401_problems_and_record_nothing()
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var d = api.District;
        var tokens = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["malformed"] = "not-a-jwt",
            ["other key"] = TokenWith(a => a with { SigningKey = Convert.ToBase64String(new byte[48]) }, d),
            ["other issuer"] = TokenWith(a => a with { Issuer = "someone-else" }, d),
            ["other audience"] = TokenWith(a => a with { Audience = "another-service" }, d),
            ["expired beyond the 30 s skew"] =
                TokenWith(a => a, d, TimeSpan.FromMinutes(1), DateTime.UtcNow.AddMinutes(-1).AddSeconds(-45)),
            ["not yet valid"] = TokenWith(a => a, d, TimeSpan.FromMinutes(5), DateTime.UtcNow.AddMinutes(2)),
        };

        foreach (var (name, token) in tokens)
        {
            var write = await api.WithToken(token).Disburse("P001", $"V-{name}", 1m);
            var read = await api.WithToken(token).Appropriation("P001");
            foreach (var answer in new[] { write, read })
            {
                Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{name}: {answer.Status}");
                Assert.Equal("application/problem+json", answer.ContentType);
                Assert.Equal("https://fundledger.org/problems/unauthenticated", answer.Text("type"));
                Assert.Contains("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
            }
        }
        Assert.Equal(1, await App.CountAllEventsAsync(d));
    }

    [Fact]
    public async Task A_refused_token_is_told_why_it_was_refused()
    {
        var api = NewDistrict();
        var d = api.District;
        var reasons = new Dictionary<string, string>
        {
            ["not-a-jwt"] = "malformed",
            [TokenWith(a => a with { SigningKey = Convert.ToBase64String(new byte[48]) }, d)] = "signature does not verify",
            [TokenWith(a => a, d, TimeSpan.FromMinutes(1), DateTime.UtcNow.AddMinutes(-5))] = "expired at",
            [TokenWith(a => a with { Issuer = "someone-else" }, d)] = "another issuer",
            [TokenWith(a => a with { Audience = "another-service" }, d)] = "another audience",
        };
        foreach (var (token, reason) in reasons)
        {
            var answer = await api.WithToken(token).Appropriation("P001");
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Contains(reason, answer.Text("detail"));
            var challenge = answer.Response.Headers.WwwAuthenticate.ToString();
            Assert.Contains("error=\"invalid_token\"", challenge);
            Assert.Contains(reason, challenge);
        }
        var none = await api.WithToken(null).Appropriation("P001");
        Assert.Equal("Bearer", none.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var api = NewDistrict();
        var token = TokenWith(a => a, api.District, TimeSpan.FromMinutes(1), DateTime.UtcNow.AddMinutes(-1).AddSeconds(-10));
        Assert.Equal(HttpStatusCode.Created, (await api.WithToken(token).Enact("P001", 1m)).Status);
    }

    [Theory]
    [InlineData(Scopes.ReportsRead, "write")]
    [InlineData(Scopes.BudgetWrite, "disburse")]
    [InlineData(Scopes.DisbursementWrite, "read")]
    [InlineData(Scopes.AuditRead, "enact")]
    public async Task A_missing_scope_is_403_insufficient_scope(string onlyScope, string action)
    {
        var api = NewDistrict();
        await api.Enact("P001", 100m);
        var limited = api.WithToken(App.Token(api.District, [onlyScope]));

        var answer = action switch
        {
            "write" or "enact" => await limited.Enact("P002", 1m),
            "disburse" => await limited.Disburse("P001", "V1", 1m),
            _ => await limited.Appropriation("P001"),
        };

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("https://fundledger.org/problems/insufficient-scope", answer.Text("type"));
        Assert.Equal(1, await App.CountAllEventsAsync(api.District));
    }

    [Fact]
    public async Task Every_event_records_the_token_subject_and_client()
    {
        var api = NewDistrict();
        var clerk = api.WithToken(App.Token(api.District, subject: "zhang.san", clientId: "ft-treasury-system"));
        await clerk.Enact("P001", 100m);
        await clerk.Disburse("P001", "V1", 10m);

        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionStringFor(api.District));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select data ->> 'recordedBy', data ->> 'clientId' from fundledger.events where tenant_id = @d", connection);
        command.Parameters.AddWithValue("d", api.District);
        await using var reader = await command.ExecuteReaderAsync();
        var who = new List<(string, string)>();
        while (await reader.ReadAsync()) who.Add((reader.GetString(0), reader.GetString(1)));

        Assert.Equal(2, who.Count);
        Assert.All(who, w => Assert.Equal(("zhang.san", "ft-treasury-system"), w));
    }

    [Fact]
    public async Task The_OpenAPI_document_needs_no_token()
    {
        var answer = await App.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }
}
