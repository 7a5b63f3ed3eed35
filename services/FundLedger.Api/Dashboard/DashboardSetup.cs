using FundLedger.Security;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace FundLedger.Dashboard;

/// <summary>
/// The dashboard (a static page under /dashboard that reads the API with the viewer's own token) and the interactive API
/// reference at /docs. Neither holds data: every figure comes from the API, where scopes and districts are enforced. Both
/// are served with the same headers (<see cref="PageHeaders"/>): their own origin only, never framed, no referrer.
/// </summary>
public static class DashboardSetup
{
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot"));
        var authority = app.Services.GetRequiredService<AuthSettings>().Authority;
        // Signing in with OIDC talks to the identity provider from the page (discovery and the token exchange).
        var dashboard = PageHeaders.Policy(connectTo: authority is null ? null : Origin(authority));
        app.Use(async (context, next) =>
        {
            // The file middleware would redirect /dashboard itself, to an absolute Location built from the request's Host header
            // (Host: evil.example led there): the page's own address is answered here, relative.
            if (context.Request.Path.Value == "/dashboard")
            {
                context.Response.Redirect("/dashboard/");
                return;
            }
            if (context.Request.Path.StartsWithSegments("/dashboard")) PageHeaders.Set(context.Response.Headers, dashboard);
            if (context.Request.Path.StartsWithSegments("/docs")) await PageHeaders.ReferenceAsync(context, next);
            else await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions
        {
            FileProvider = files, RequestPath = "/dashboard", RedirectToAppendTrailingSlash = false,
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files, RequestPath = "/dashboard", RedirectToAppendTrailingSlash = false,
        });
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.MapGet("/dashboard/config.json", (AuthSettings auth, IConfiguration configuration) => Results.Ok(new DashboardConfig(
            auth.Authority, configuration["Auth:Dashboard:ClientId"] ?? "fundledger-dashboard",
            configuration["Auth:Dashboard:Scope"] ?? $"openid {Scopes.ReportsRead} {Scopes.AuditRead}"))).ExcludeFromDescription();
        // Offline: the script comes from the package, fonts are the browser's, nothing is reported to Scalar, and the features
        // that talk to Scalar's servers (the AI agent, the MCP integration, the hosted proxy) are off; the page's policy would
        // refuse them anyway (connect-src 'self').
        app.MapScalarApiReference("/docs", o => o.WithTitle("FundLedger API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools());
        return app;
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}

/// <summary>What the page needs to sign in: with an authority it uses OIDC (authorization code + PKCE), else a pasted token.</summary>
public sealed record DashboardConfig(string? Authority, string ClientId, string Scope);
