using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FundLedger.Security;

/// <summary>
/// <c>FundLedger.Api token --sub clerk --client treasury-system --districts 110106 --scopes "budget:write …" [--minutes 60]</c>
/// mints a token signed with the local key, for development and the README's examples. It fails closed: every option but
/// <c>--minutes</c> is required (no default district or scopes), an unknown option, scope or district is refused, and a
/// token lives at most a day. <c>--help</c> prints the usage.
/// </summary>
public static class TokenCommand
{
    public const int MostMinutes = 24 * 60;
    public const int DefaultMinutes = 60;

    private static readonly string[] Options = ["sub", "client", "districts", "scopes", "minutes"];

    public static string Usage => $"""
        Usage: FundLedger.Api token --sub <who> --client <client id> --districts <district,…> --scopes <scope …|all> [--minutes <n>]

        Mints a bearer token signed with Auth__SigningKey (local use; in production tokens come from the identity provider).
          --sub        who the token speaks for (recorded with every event as recordedBy)
          --client     the calling system (recorded as clientId)
          --districts  the districts it may use: 6-digit codes, comma- or space-separated
          --scopes     space-separated, from: {string.Join(' ', Scopes.All)}; or "all"
          --minutes    how long it is valid, 1 to {MostMinutes} (default {DefaultMinutes})
        """;

    public static int Run(string[] args, IConfiguration configuration)
    {
        var rest = args.Skip(1).ToArray();
        if (rest is [] or ["--help"] or ["-h"] or ["help"])
        {
            (rest is [] ? Console.Error : Console.Out).WriteLine(Usage);
            return rest is [] ? 2 : 0;
        }
        var (request, problems) = Parse(rest);
        if (request is null)
        {
            foreach (var problem in problems) Console.Error.WriteLine($"token: {problem}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var settings = AuthSettings.From(configuration);
        if (settings.Key is null)
        {
            Console.Error.WriteLine("token: no Auth__SigningKey is configured; tokens come from the identity provider.");
            return 2;
        }
        Console.WriteLine(Mint(settings, request.Subject, request.Client, request.Districts, request.Scopes,
            TimeSpan.FromMinutes(request.Minutes)));
        return 0;
    }

    /// <summary>What the options ask for, or null and every option that is missing, unknown or wrong.</summary>
    public static (TokenRequest? Request, IReadOnlyList<string> Problems) Parse(string[] args)
    {
        var problems = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !Options.Contains(name)) { problems.Add($"unknown option {args[i]}"); continue; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"--{name} needs a value");
                continue;
            }
            if (!options.TryAdd(name, args[++i])) problems.Add($"--{name} is given twice");
        }
        foreach (var required in Options.Where(o => o != "minutes" && !options.ContainsKey(o)))
            problems.Add($"--{required} is required");
        foreach (var name in new[] { "sub", "client" }.Where(o => options.TryGetValue(o, out var v) && string.IsNullOrWhiteSpace(v)))
            problems.Add($"--{name} must not be blank");

        var districts = Split(options.GetValueOrDefault("districts"));
        foreach (var district in districts.Where(d => d.Length != 6 || !d.All(char.IsAsciiDigit)))
            problems.Add($"district {district} is not a 6-digit code");
        if (options.ContainsKey("districts") && districts.Length == 0) problems.Add("--districts names no district");

        var scopes = options.GetValueOrDefault("scopes") is "all" ? [.. Scopes.All] : Split(options.GetValueOrDefault("scopes"));
        foreach (var scope in scopes.Where(s => !Scopes.All.Contains(s)))
            problems.Add($"scope {scope} is not one of: {string.Join(' ', Scopes.All)}");
        if (options.ContainsKey("scopes") && scopes.Length == 0) problems.Add("--scopes names no scope");

        var minutes = DefaultMinutes;
        if (options.GetValueOrDefault("minutes") is { } text
            && (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minutes)
                || minutes is < 1 or > MostMinutes))
            problems.Add($"--minutes must be a whole number from 1 to {MostMinutes}, not {text}");

        return problems.Count == 0
            ? (new TokenRequest(options["sub"], options["client"], districts, scopes, minutes), [])
            : (null, problems);
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();

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
}

/// <summary>A token the <c>token</c> verb was asked for, its options checked.</summary>
public sealed record TokenRequest(
    string Subject, string Client, IReadOnlyList<string> Districts, IReadOnlyList<string> Scopes, int Minutes);
