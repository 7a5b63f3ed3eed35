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
            // The gate answers 401 as problem+json; the handler's own empty challenge would come first otherwise.
            o.Events = new JwtBearerEvents { OnChallenge = context => { context.HandleResponse(); return Task.CompletedTask; } };
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
