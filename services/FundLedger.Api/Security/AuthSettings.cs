using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace FundLedger.Security;

/// <summary>
/// Token validation settings, from the <c>Auth</c> configuration section (environment: <c>Auth__Issuer</c>,
/// <c>Auth__Audience</c>, <c>Auth__SigningKey</c>, <c>Auth__Authority</c>). Locally a symmetric key signs and checks
/// tokens; in production <c>Authority</c> names the identity provider whose JWKS (OpenID configuration) is used.
/// </summary>
public sealed record AuthSettings(string Issuer, string Audience, string? SigningKey, string? Authority)
{
    public const string Section = "Auth";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new AuthSettings(section["Issuer"] ?? "fundledger-local", section["Audience"] ?? "fundledger",
            section["SigningKey"], section["Authority"]);
        if (settings.SigningKey is null && settings.Authority is null)
            throw new InvalidOperationException(
                "Set Auth__SigningKey (local, at least 32 bytes) or Auth__Authority (an OpenID provider). " +
                "deploy/local/run.sh sets a local key.");
        if (settings.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) < 32)
            throw new InvalidOperationException("Auth__SigningKey must be at least 32 bytes (256 bits) for HS256.");
        return settings;
    }

    public SymmetricSecurityKey? Key => SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
}
