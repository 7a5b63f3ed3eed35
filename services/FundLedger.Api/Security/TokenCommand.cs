using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FundLedger.Security;

/// <summary>
/// <c>FundLedger.Api token --sub clerk --client treasury-system --districts 110106 [--scopes "budget:write …"] [--minutes 60]</c>
/// mints a token signed with the local key, for development and the README's examples.
/// </summary>
public static class TokenCommand
{
    public static int Run(string[] args, IConfiguration configuration)
    {
        var options = Parse(args.Skip(1).ToArray());
        var settings = AuthSettings.From(configuration);
        if (settings.Key is null)
        {
            Console.Error.WriteLine("token: no Auth__SigningKey is configured; tokens come from the identity provider.");
            return 2;
        }
        Console.WriteLine(Mint(settings,
            options.GetValueOrDefault("sub", "local-clerk"), options.GetValueOrDefault("client", "local-system"),
            options.GetValueOrDefault("districts", "110106").Split(',', ' ', StringSplitOptions.RemoveEmptyEntries),
            options.GetValueOrDefault("scopes", string.Join(' ', Scopes.All)).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            TimeSpan.FromMinutes(int.Parse(options.GetValueOrDefault("minutes", "480")))));
        return 0;
    }

    public static string Mint(AuthSettings settings, string subject, string clientId, IEnumerable<string> districts,
        IEnumerable<string> scopes, TimeSpan lifetime, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", subject), new("client_id", clientId), new("scope", string.Join(' ', scopes)) };
        claims.AddRange(districts.Select(d => new Claim(DistrictGate.DistrictClaim, d)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(settings.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }
}
