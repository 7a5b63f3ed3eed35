using System.Net;
using FundLedger.Appropriations;
using FundLedger.Kernel;
using FundLedger.Ledger;
using Npgsql;

namespace FundLedger.Tests.Ledger;

/// <summary>
/// A claim recorded before the wire fingerprint (under the command's hash, <see cref="CommandHash"/>) is still the same
/// request: its retry replays the first answer, and another request under its key is still refused.
/// </summary>
public sealed class EarlierClaimTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task A_voucher_claimed_under_the_earlier_fingerprint_replays_its_retry_and_refuses_another_body()
    {
        var api = NewDistrict();
        await api.Enact("P001", 1_000m);
        var first = await api.Disburse("P001", "V1", 100m);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.StartsWith(RequestFingerprint.Version, await ClaimHashAsync(api.District, "voucher:V1"));

        // What the previous release stored for this request: the hash of its validated command.
        var earlier = CommandHash.Of("disburse", new RecordDisbursement.Command(
            "P001", 2020, "V1", Money.Of(100m), new DateOnly(2020, 3, 31), "印刷费", null, null));
        await SetClaimHashAsync(api.District, "voucher:V1", earlier);

        var retry = await api.Disburse("P001", "V1", 100m);
        Assert.True(retry.Replayed, retry.Raw);
        Assert.Equal(first.Raw, retry.Raw);
        var other = await api.Disburse("P001", "V1", 200m);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal(1, await App.CountEventsAsync(api.District, "disbursement_recorded", "V1"));
    }

    private async Task<string> ClaimHashAsync(string district, string key)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data ->> 'requestHash' from fundledger.request_claims where tenant_id = @t and id = @k", connection);
        command.Parameters.AddWithValue("t", district);
        command.Parameters.AddWithValue("k", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task SetClaimHashAsync(string district, string key, string hash)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionStringFor(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "update fundledger.request_claims set data = jsonb_set(data, '{requestHash}', to_jsonb(@h::text)) " +
            "where tenant_id = @t and id = @k", connection);
        command.Parameters.AddWithValue("t", district);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("h", hash);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
