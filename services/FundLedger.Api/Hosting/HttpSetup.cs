using System.Text.RegularExpressions;
using FundLedger.Ledger;
using Microsoft.AspNetCore.Mvc;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Wolverine.Http;
using FundLedger.Http;

namespace FundLedger.Hosting;

public static partial class HttpSetup
{
    public static IServiceCollection AddLedgerHttp(this IServiceCollection services)
    {
        services.AddWolverineHttp();
        services.AddSingleton<LedgerTables>();
        services.AddSingleton<Ledger.CommitSignal>();
        services.AddSingleton<Live.LiveHub>();
        services.AddSingleton<Live.LiveLimits>();
        services.AddSingleton<GroupCommitter>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitter>());
        services.AddSingleton<LedgerWriter>();
        services.AddHttpContextAccessor();
        // Strict JSON: a property we do not know, a property given twice, or deep nesting is refused, never ignored.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.MaxDepth = MaxJsonDepth;
            // Chinese stays readable, but < > & ' " are always escaped: stored text comes back harmless to a page.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = BodyChecks.Default);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = NameTheField);
        services.AddExceptionHandler<FailureAnswers>();
        services.AddLedgerOpenApi();
        return services;
    }

    /// <summary>Request bodies nest 3 deep; the generated OpenAPI schemas share these options and need more.</summary>
    public const int MaxJsonDepth = 32;

    public static WebApplication UseLedgerHttp(this WebApplication app)
    {
        // Set as the answer starts, not now: the exception handler clears the headers of a request that failed, and a
        // 5xx must carry them as much as a 200.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static response =>
            {
                ((HttpResponse)response).Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseMiddleware<Health.StartupGate>();
        app.UseMiddleware<BodyChecks>();
        // Empty 4xx answers from routing and content negotiation (404, 405, 415) become problem+json too.
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// Wolverine answers a body that does not deserialise with a generic 400; clients need to know which
    /// field, so the JSON path in the message is lifted into <c>errors</c> and the type made ours.
    /// </summary>
    private static void NameTheField(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != 400 || problem.Title != "Invalid JSON format") return;
        var detail = problem.Detail ?? "";
        var path = JsonPath().Match(detail);
        var property = JsonProperty().Match(detail);
        var field = path.Success && path.Groups[1].Value.Length > 1 ? path.Groups[1].Value.TrimStart('$', '.')
            : property.Success ? property.Groups[1].Value : "";
        problem.Type = Problems.TypeUri("malformed-json");
        problem.Title = "The request body is not valid JSON for this endpoint";
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
        problem.Extensions["errors"] = new Dictionary<string, string[]>
        {
            [field.Length == 0 ? "body" : field] = [problem.Detail ?? "malformed JSON"],
        };
    }

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex JsonPath();

    /// <summary>Unknown or duplicate properties are reported by name, without a path.</summary>
    [GeneratedRegex(@"[Pp]roperty '([^']+)'")]
    private static partial Regex JsonProperty();
}
