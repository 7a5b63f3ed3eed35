using System.Text.Json.Nodes;
using FundLedger.Tests.Infrastructure;

namespace FundLedger.Tests.Hosting;

/// <summary>
/// The OpenAPI document checked in under contracts/ is what clients build against; it must be exactly what
/// the service serves. Regenerate it with UPDATE_CONTRACTS=1 deploy/local/test.sh after an intended change.
/// </summary>
public sealed class OpenApiContractTests(LedgerApp app) : LedgerTest(app)
{
    [Fact]
    public async Task The_served_document_matches_the_checked_in_contract()
    {
        var served = JsonNode.Parse(await App.Client.GetStringAsync("/openapi/v1.json"))!;
        var path = Path.Combine(Samples.RepositoryRoot(), "contracts", "openapi", "v1.json");
        var pretty = served.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1") await File.WriteAllTextAsync(path, pretty);

        Assert.True(File.Exists(path), $"{path} is missing: run UPDATE_CONTRACTS=1 deploy/local/test.sh");
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.True(JsonNode.DeepEquals(checkedIn, served), "contracts/openapi/v1.json differs from what the service serves");
    }

    [Fact]
    public async Task The_contract_lists_every_write_and_read_path_of_api_v1()
    {
        var paths = JsonNode.Parse(await App.Client.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject()
            .Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/v1/districts/{district}/years/{year}/appropriations",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}/adjustments",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}/disbursements",
            "/api/v1/districts/{district}/years/{year}/disbursements:batch",
            "/api/v1/districts/{district}/years/{year}/disbursements/{voucherNo}/reversal",
            "/api/v1/districts/{district}/years/{year}/execution",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}/performance",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}/performance/goals",
            "/api/v1/districts/{district}/years/{year}/appropriations/{code}/performance/evaluations",
            "/api/v1/districts/{district}/years/{year}/performance",
        }, paths);
    }

    [Fact]
    public async Task The_READMEs_examples_are_the_request_samples_of_the_reference()
    {
        var document = JsonNode.Parse(await App.Client.GetStringAsync("/openapi/v1.json"))!;
        var pay = document["paths"]!["/api/v1/districts/{district}/years/{year}/appropriations/{code}/disbursements"]!["post"]!
            ["x-codeSamples"]!.AsArray().Single()!;
        Assert.Equal("curl", pay["label"]!.GetValue<string>());
        Assert.Contains("\"voucherNo\": \"GK2021-KHD-01\"", pay["source"]!.GetValue<string>());
        var readme = await File.ReadAllTextAsync(Path.Combine(Samples.RepositoryRoot(), "README.md"));
        Assert.Contains("-d '{\"voucherNo\": \"GK2021-KHD-01\", \"amount\": \"1216500.00\", " +
            "\"paidOn\": \"2021-11-20\", \"costItem\": \"推广费\"}'", readme);
        Assert.Contains("-d '{\"voucherNo\": \"GK2021-KHD-01\", \"amount\": \"1216500.00\", " +
            "\"paidOn\": \"2021-11-20\", \"costItem\": \"推广费\"}'", pay["source"]!.GetValue<string>());
    }
}
