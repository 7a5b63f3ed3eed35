using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FundLedger.Hosting;

/// <summary>
/// Shapes the generated OpenAPI document into the contract checked in under contracts/: stable (no server
/// address), with every refusal documented as problem+json and no framework types leaking into it.
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
                    Description = "Event-sourced appropriations, disbursements and execution figures for district finance bureaus. Money is in 元 with at most 2 decimals.",
                };
                document.Servers?.Clear();
                document.Components?.Schemas?.Remove("IResult");
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DocumentProblems);
            o.AddOperationTransformer(ApiSamples.Add);
        });

    private static async Task DocumentProblems(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        // Wolverine fills the description with its route-derived endpoint name, which says nothing to a reader.
        if (operation.Description?.Contains("_api_v1_") == true) operation.Description = null;
        operation.Responses ??= new OpenApiResponses();
        // Endpoints answer IResult so that refusals are problems; the typed success is declared by attribute.
        foreach (var code in operation.Responses.Where(r => r.Value.Content?.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true)
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
            refusals["409"] = "Refused by a rule (budget-exceeded, duplicate-voucher, idempotency-key-reused, reduction-below-executed, …). Nothing was recorded.";
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
