using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FundLedger.Hosting;

/// <summary>
/// Shapes the generated OpenAPI document into the contract checked in under contracts/: stable (a relative server
/// address), with every refusal documented as problem+json, every tag and parameter described, and no framework
/// types leaking into it.
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.AddSchemaTransformer<MoneySchema>();
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FundLedger API",
                    Version = "v1",
                    Description = "Event-sourced appropriations, disbursements and execution figures for district finance bureaus. " +
                        "Money is in 元 with at most 2 decimals.",
                };
                // Relative: the document describes every deployment, so a client calls the origin it fetched it from.
                document.Servers = [new OpenApiServer { Url = "/", Description = "The origin this document was fetched from" }];
                document.Components?.Schemas?.Remove("IResult");
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                    if (tag.Name is { } name) tag.Description = TagDescriptions.GetValueOrDefault(name);
                // In the table's order, not in the order endpoints happen to be found in the assembly.
                var order = TagDescriptions.Keys.ToList();
                if (document.Tags is { } tags)
                    document.Tags = new HashSet<OpenApiTag>(
                        tags.OrderBy(t => order.IndexOf(t.Name ?? "") is var i and >= 0 ? i : order.Count));
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DocumentProblems);
            o.AddOperationTransformer(ApiParameters.Describe);
            o.AddOperationTransformer(ApiSamples.Add);
        });

    /// <summary>One per capability folder that serves endpoints; an unknown tag gets none, and Spectral refuses that.</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Appropriations"] = "预算指标: enact lines, supplement (追加) and reduce (调减) them, read their execution figures.",
        ["Disbursements"] = "国库支付: payments against a line, one by one or in batches, and their reversals (冲销).",
        ["YearEnd"] = "年终: carry unspent money into the next year (结转), close the year (结余 lapse), list the years.",
        ["Reporting"] = "Execution rates, budget against final with explanations, year over year, and the department's 决算说明.",
        ["Performance"] = "绩效: project goals and indicators, evaluations and their scores, the department's summary.",
        ["Audit"] = "The event history with its hash chain, verification against the projections, and the auditor's bundle.",
        ["Live"] = "The district's committed events as a server-sent event stream, for dashboards.",
        ["Departments"] = "单位基本情况: a unit's facts per year (类型, 职责, 编制与实有, 离退休, " +
            "车辆, 大型设备), as revisions.",
        ["Procurement"] = "政府采购: contracts (货物/工程/服务, supplier size), payments under them, " +
            "the year's 采购 and 中小企业 shares.",
    };

    private static async Task DocumentProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        // Wolverine fills the description with its route-derived endpoint name, which says nothing to a reader.
        if (operation.Description?.Contains("_api_v1_") == true) operation.Description = null;
        operation.Responses ??= new OpenApiResponses();
        // Endpoints answer IResult so that refusals are problems; the typed success is declared by attribute.
        foreach (var code in operation.Responses
                     .Where(r => r.Value.Content?.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true)
                     .Select(r => r.Key).ToList())
            operation.Responses.Remove(code);

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        var isWrite = context.Description.HttpMethod == "POST";
        var refusals = new Dictionary<string, string>
        {
            ["400"] = "The request is not valid: `errors` names each bad field. Nothing was recorded.",
            ["404"] = "No such appropriation or disbursement in this district.",
        };
        if (isWrite)
        {
            refusals["409"] = "Refused by a rule (budget-exceeded, duplicate-voucher, idempotency-key-reused, " +
                "reduction-below-executed, …). Nothing was recorded.";
            refusals["415"] = "The body is not application/json.";
        }
        foreach (var (code, description) in refusals)
            operation.Responses[code] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            };
    }
}
