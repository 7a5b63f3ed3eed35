using Microsoft.AspNetCore.Mvc;
using FundLedger.Kernel;

namespace FundLedger.Http;

/// <summary>The stable problem <c>type</c> URIs clients switch on, and the mapping of refusals to problem+json.</summary>
public static class Problems
{
    public const string TypeBase = "https://fundledger.org/problems/";

    public static string TypeUri(string slug) => TypeBase + slug;

    public static ProblemDetails ToProblemDetails(this Refusal refusal, string? instance = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeUri(refusal.Type),
            Title = refusal.Title,
            Status = refusal.Status,
            Detail = refusal.Detail,
            Instance = instance,
        };
        if (refusal.Errors is { Count: > 0 } errors) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static IResult ToResult(this Refusal refusal, HttpContext? context = null) =>
        Results.Problem(refusal.ToProblemDetails(context?.Request.Path));
}
