using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FundLedger.Hosting;

/// <summary>
/// What each path, query and header parameter of the API means, said once for every endpoint that takes it. A
/// parameter missing here reaches the contract without a description, and deploy/check.sh's Spectral run refuses that.
/// </summary>
public static class ApiParameters
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["district"] = "The district (the tenant), e.g. 110106 for 丰台区; the token must grant it.",
        ["year"] = "The fiscal year, 2000 to 2100.",
        ["code"] = "The appropriation's code, unique in the district and year.",
        ["voucherNo"] = "The disbursement's voucher number (国库支付凭证号), unique in the district.",
        ["Idempotency-Key"] = "1 to 200 printable ASCII characters, no spaces. A retry with the same key and body answers the " +
            "first response again (Idempotent-Replayed: true) and records nothing; the same key with another body is 409 " +
            "idempotency-key-reused.",
        ["Last-Event-ID"] = "The sequence of the last event received: the stream continues after it.",
        ["asOf"] = "An ISO 8601 instant: the answer as it was recorded then. Omitted: now.",
        ["lang"] = "zh (default) or en: the language of the explanations.",
        ["format"] = "json (default) or markdown; the final accounts also xlsx (one workbook, a sheet per table).",
        ["basis"] = "payments (default: paid in the year under contracts, net of reversals) or contracts (the amounts signed in the year).",
        ["contractNo"] = "The procurement contract's number, unique in the district and year.",
        ["department"] = "A department's code: the report is for that department; a list or summary is narrowed to it.",
        ["by"] = "How to group the rows: department, project, function-class, function-section, function-item, kind, " +
            "fund-source, quarter, economic-class, economic-section or basic-expense.",
        ["level"] = "The classification level: class (类), section (款) or item (项).",
        ["fundSource"] = "Only appropriations of this fund source: general-budget, government-fund, state-capital, carried-over, " +
            "upper-subsidy, business, operating, affiliated or other.",
        ["dryRun"] = "true answers what the close would lapse and records nothing.",
        ["fromSequence"] = "The first event sequence to answer (default 1).",
        ["toSequence"] = "The last event sequence to answer.",
        ["stream"] = "Only the events of this stream, e.g. 2020/P01 (an appropriation) or fiscal-year/2020.",
        ["type"] = "Only events of these types, comma-separated, e.g. disbursement_recorded,disbursement_reversed.",
        ["recordedFrom"] = "Only events recorded at or after this ISO 8601 instant.",
        ["recordedTo"] = "Only events recorded before this ISO 8601 instant.",
        ["limit"] = "The most items to answer.",
        ["offset"] = "How many matching items to skip.",
        ["q"] = "Text the code, name or project code contains.",
        ["kind"] = "Only basic or only project appropriations.",
        ["sort"] = "The figure to order by, e.g. code, name, adjusted, executed or rate.",
        ["order"] = "asc or desc.",
    };

    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (parameter.Name is { } name && string.IsNullOrEmpty(parameter.Description) && Descriptions.TryGetValue(name, out var text))
                parameter.Description = text;
        return Task.CompletedTask;
    }
}
