using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Wolverine.Http;

namespace FundLedger.Hosting;

/// <summary>
/// Tells ApiExplorer (and so the OpenAPI document) the JSON body each write reads through <see cref="JsonBodyBinding"/>,
/// as Wolverine would for a body it read itself: required, <c>application/json</c>, the contract by its name.
/// </summary>
public sealed class JsonBodyDescription : IApiDescriptionProvider
{
    private static readonly EmptyModelMetadataProvider Metadata = new();

    // After Wolverine's provider (-2000), which creates the descriptions this one completes.
    public int Order => -1900;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor is not WolverineActionDescriptor { Chain: var chain } ||
                chain.Method.Method.GetParameters().FirstOrDefault(p => JsonBodyBinding.IsBody(chain, p)) is not { } body ||
                description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
                continue;
            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = body.Name!,
                ModelMetadata = Metadata.GetMetadataForType(body.ParameterType),
                Source = BindingSource.Body,
                Type = body.ParameterType,
                IsRequired = true,
            });
            description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = "application/json" });
        }
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
    }
}
