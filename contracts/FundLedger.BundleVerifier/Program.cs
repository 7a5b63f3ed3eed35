using System.Text.Json;
using FundLedger.Audit;
using FundLedger.BundleVerifier;

// FundLedger.BundleVerifier <bundle.json>: exit 0 when the bundle holds together, 1 with the findings otherwise.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: FundLedger.BundleVerifier <bundle.json>   (from GET /api/v1/districts/{district}/audit/bundle?year=)");
    return 2;
}
AuditBundle? bundle;
try
{
    bundle = JsonSerializer.Deserialize<AuditBundle>(
        await File.ReadAllTextAsync(args[0]), new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
catch (JsonException e)
{
    Console.Error.WriteLine($"{args[0]} is not JSON: {e.Message}");
    return 2;
}
if (bundle?.Events is null || bundle.Appropriations is null || bundle.Execution is null)
{
    Console.Error.WriteLine($"{args[0]} is not an auditor bundle (an error answer from the service?)");
    return 2;
}
var findings = Verifier.Verify(bundle);
Console.WriteLine($"district {bundle.District}, year {bundle.Year}: {bundle.Events.Count} events, " +
    $"{bundle.Appropriations.Count} appropriations, chain head {bundle.ChainHead}");
foreach (var finding in findings) Console.WriteLine($"FAIL {finding.Where}: {finding.Problem}");
Console.WriteLine(findings.Count == 0 ? "OK: every link holds and every figure follows from the events" : $"{findings.Count} problem(s)");
return findings.Count == 0 ? 0 : 1;
