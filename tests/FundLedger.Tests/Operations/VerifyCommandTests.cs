using System.Text.Json.Nodes;
using Npgsql;

namespace FundLedger.Tests.Operations;

/// <summary>
/// The operator's `verify --district D` verb, as a cron job or a pipeline runs it: exit 0 while the ledger agrees with
/// its events, exit 1 (and the difference printed) once it does not.
/// </summary>
public sealed class VerifyCommandTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task Verify_exits_0_on_an_intact_ledger_and_1_naming_a_figure_corrupted_in_the_database()
    {
        var api = NewDistrict();
        await api.Enact("A", 1_000m);
        await api.Disburse("A", "V1", 100m);

        var (intact, intactOutput) = await ServiceCommand.RunAsync(App.DatabaseEnvironment, "verify", "--district", api.District);
        await using (var connection = new NpgsqlConnection(App.ConnectionStringFor(api.District)))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand("update fundledger.appropriations " +
                "set data = jsonb_set(data, '{disbursed}', '999.00') where tenant_id = @d and id = '2020/A'", connection);
            corrupt.Parameters.AddWithValue("d", api.District);
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }
        var (corrupted, corruptedOutput) = await ServiceCommand.RunAsync(App.DatabaseEnvironment, "verify", "--district", api.District);

        Assert.True(intact == 0, intactOutput);
        Assert.True(corrupted == 1, corruptedOutput);
        var report = JsonNode.Parse(corruptedOutput[corruptedOutput.IndexOf('{')..(corruptedOutput.LastIndexOf('}') + 1)])!;
        Assert.False(report["ok"]!.GetValue<bool>());
        var difference = report["projections"]!["differences"]!.AsArray().Single()!;
        Assert.Equal(("2020/A", "disbursed", "999.00", "100.00"),
            (difference["appropriation"]!.GetValue<string>(), difference["figure"]!.GetValue<string>(),
             difference["live"]!.GetValue<string>(), difference["replayed"]!.GetValue<string>()));
    }
}
