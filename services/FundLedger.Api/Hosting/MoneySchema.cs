using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FundLedger.Hosting;

/// <summary>Money on the wire is a decimal number (or a string of one) in 元 with at most 2 fractional digits.</summary>
public sealed class MoneySchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(MoneyInput) || type == typeof(Money))
        {
            schema.Type = type == typeof(MoneyInput) ? JsonSchemaType.Number | JsonSchemaType.String : JsonSchemaType.Number;
            schema.Properties?.Clear();
            schema.Required?.Clear();
            schema.Pattern = type == typeof(MoneyInput) ? @"^-?[0-9]{1,15}(\.[0-9]{1,2})?$" : null;
            schema.Description = "Amount in 元: a plain decimal with at most 2 fractional digits and 15 integer digits.";
        }
        return Task.CompletedTask;
    }
}
