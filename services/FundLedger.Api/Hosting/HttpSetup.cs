using FundLedger.Ledger;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Wolverine.Http;
using FundLedger.Http;

namespace FundLedger.Hosting;

public static class HttpSetup
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
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, JsonBodyDescription>());
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
}
