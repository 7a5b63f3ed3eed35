using FundLedger.Security;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace FundLedger.Dashboard;

/// <summary>
/// The dashboard (a static page under /dashboard that reads the API with the viewer's own token) and the interactive API
/// reference at /docs. Neither holds data: every figure comes from the API, where scopes and districts are enforced.
/// </summary>
public static class DashboardSetup
{
    /// <summary>The page's own origin only; charts are drawn on canvas. No inline script, no CDN.</summary>
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                                  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot"));
        var authority = app.Services.GetRequiredService<AuthSettings>().Authority;
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/dashboard"))
            {
                // Signing in with OIDC talks to the identity provider from the page (discovery and the token exchange).
                context.Response.Headers.ContentSecurityPolicy = authority is null
                    ? Policy
                    : Policy.Replace("default-src 'self'", $"default-src 'self' {Origin(authority)}");
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
            }
            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/dashboard" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/dashboard" });
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).ExcludeFromDescription();
        app.MapGet("/dashboard/config.json", (AuthSettings auth, IConfiguration configuration) => Results.Ok(new DashboardConfig(
            auth.Authority, configuration["Auth:Dashboard:ClientId"] ?? "fundledger-dashboard",
            configuration["Auth:Dashboard:Scope"] ?? $"openid {Scopes.ReportsRead} {Scopes.AuditRead}"))).ExcludeFromDescription();
        // Offline: the script comes from the package, fonts are the browser's, and nothing is reported to Scalar.
        app.MapScalarApiReference("/docs", o => o.WithTitle("FundLedger API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts().DisableTelemetry());
        return app;
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);
}

/// <summary>What the page needs to sign in: with an authority it uses OIDC (authorization code + PKCE), else a pasted token.</summary>
public sealed record DashboardConfig(string? Authority, string ClientId, string Scope);
