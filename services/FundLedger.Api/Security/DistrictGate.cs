using System.Security.Claims;
using FundLedger.Kernel;
using FundLedger.Http;
using FundLedger.Store;

namespace FundLedger.Security;

/// <summary>
/// Who may touch a district. Runs after authentication on every district path: no valid token is 401; a token
/// without the endpoint's scope, or without the path's district, is 403 with no hint of whether the resource
/// exists; an endpoint that declares no scope is refused outright (deny by default).
/// </summary>
public sealed class DistrictGate(RequestDelegate next)
{
    public const string DistrictClaim = "districts";

    public async Task InvokeAsync(HttpContext context, LedgerDatabases databases)
    {
        // Routing's own answers (405, 415) are plain endpoints, not route endpoints: they only refuse, so they pass.
        if (!context.Request.Path.StartsWithSegments("/api/v1/districts") || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            await next(context);
            return;
        }

        var district = DistrictOf(context);
        var refusal = Check(context.User, endpoint.Metadata.GetMetadata<RequiresScopeAttribute>(), district,
                context.Items[TokenProblem.Key] as string)
            // Granted, but no database of this service holds it (a district map that does not list it): nothing to read or write.
            // A malformed district is the endpoint's 400 to give.
            ?? (PathChecks.CheckDistrict(district!) is null && databases.For(district!) is null
                ? new Refusal(404, "district-not-served", "This service holds no ledger for the district",
                    $"District {district} is not in this service's district-to-database map (FundLedger:Databases).")
                : null);
        if (refusal is null)
        {
            await next(context);
            return;
        }
        if (refusal.Status == 401)
            context.Response.Headers.WWWAuthenticate = context.Items[TokenProblem.Key] is string why
                ? $"Bearer error=\"invalid_token\", error_description=\"{why.Replace("\"", "'")}\""
                : "Bearer";
        await refusal.ToResult(context).ExecuteAsync(context);
    }

    public static Refusal? Check(ClaimsPrincipal user, RequiresScopeAttribute? required, string? district, string? tokenProblem = null)
    {
        if (user.Identity?.IsAuthenticated != true)
            return new Refusal(401, "unauthenticated", "A valid bearer token is required", tokenProblem is null
                ? "Send Authorization: Bearer <token>, signed by the configured issuer for this audience and not expired."
                : $"{tokenProblem} Send Authorization: Bearer <token>, signed by the configured issuer for this audience and not expired.");
        if (required is null)
            return new Refusal(403, "forbidden", "This endpoint is not open to tokens", "The endpoint declares no scope.");
        var scopes = (user.FindFirstValue("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(required.Scope))
            return new Refusal(403, "insufficient-scope",
                $"The token lacks the scope {required.Scope}", $"This request needs the scope {required.Scope}.");
        if (district is null || !user.FindAll(DistrictClaim).SelectMany(c => c.Value.Split(' ', ',')).Contains(district))
            return new Refusal(403, "district-not-granted", "The token does not grant this district",
                "The district in the path is not among the token's districts.");
        return null;
    }

    private static string? DistrictOf(HttpContext context) => context.GetRouteValue("district") as string;
}
