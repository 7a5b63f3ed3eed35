using System.Text.Json;
using FundLedger.Store;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FundLedger.Audit;

/// <summary>
/// <c>FundLedger.Api verify --district 110106</c>: rebuilds and compares as <c>/audit/verify</c> does, prints the report as JSON.
/// </summary>
public static class AuditCommand
{
    public static async Task<int> VerifyAsync(WebApplication app, string[] args)
    {
        var district = args.SkipWhile(a => a != "--district").Skip(1).FirstOrDefault();
        if (district is null)
        {
            Console.Error.WriteLine("usage: FundLedger.Api verify --district <6-digit code>");
            return 2;
        }
        var store = app.Services.GetRequiredService<LedgerStore>();
        // The schema as the service would have it at start-up; events appended before the chain existed show as unchained.
        await Store.LedgerSchema.ApplyAsync(store, CancellationToken.None);
        var report = await AuditVerifier.VerifyAsync(store, district, CancellationToken.None);
        var options = new JsonSerializerOptions(app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions)
        {
            WriteIndented = true,
        };
        Console.WriteLine(JsonSerializer.Serialize(report, options));
        return report.Ok ? 0 : 1;
    }
}
