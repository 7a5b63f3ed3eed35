using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace FundLedger.Security;

public static class AuthSetup
{
    public static IServiceCollection AddLedgerAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (settings.Authority is { } authority) o.Authority = authority;
            // Only a test's own identity provider on a loopback address is plain HTTP; production keeps HTTPS metadata.
            o.RequireHttpsMetadata = configuration.GetValue("Auth:RequireHttpsMetadata", true);
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.Key,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = AuthSettings.ClockSkew,
                NameClaimType = "sub",
            };
            // The gate answers 401 as problem+json, saying why the token was refused; the handler's own empty challenge
            // would come first otherwise.
            o.Events = new JwtBearerEvents
            {
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.Items[TokenProblem.Key] = TokenProblem.Of(context.Exception);
                    return Task.CompletedTask;
                },
                OnChallenge = context => { context.HandleResponse(); return Task.CompletedTask; },
            };
        });
        return services;
    }

    public static WebApplication UseLedgerAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<DistrictGate>();
        return app;
    }
}

/// <summary>Why a bearer token was refused, in words a person pasting it (or a client's developer) can act on.</summary>
public static class TokenProblem
{
    public const string Key = "fundledger.token-problem";

    public static string Of(Exception e) => e switch
    {
        SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}; get a new one.",
        SecurityTokenNotYetValidException early => $"The token is not valid before {early.NotBefore:O}.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token's signature does not verify: it was not signed with this service's key (another machine's run.sh, " +
            "another identity provider) or it was altered.",
        SecurityTokenInvalidIssuerException => "The token was issued by another issuer than this service accepts.",
        SecurityTokenInvalidAudienceException => "The token is meant for another audience than this service.",
        SecurityTokenNoExpirationException => "The token has no expiry; this service accepts only tokens that expire.",
        SecurityTokenMalformedException or ArgumentException =>
            "The token is malformed: it is not a signed JWT (header.payload.signature).",
        _ => "The token could not be validated.",
    };
}
