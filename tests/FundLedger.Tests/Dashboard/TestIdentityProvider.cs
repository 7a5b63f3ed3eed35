using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FundLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FundLedger.Tests.Dashboard;

/// <summary>
/// A small OpenID Connect provider on a loopback port, enough for the authorization code flow with PKCE: discovery, an
/// authorize endpoint that signs the user in at once, a token endpoint that checks the code verifier against the
/// challenge, and the JWKS the service validates tokens with. Real HTTP between browser, provider and service.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly ConcurrentDictionary<string, (string Challenge, string Redirect, string ClientId, string Scope)> _codes = new();

    public string Url { get; }
    public string Districts { get; set; } = "";
    public List<string> TokenRequests { get; } = [];

    private TestIdentityProvider(int port)
    {
        Url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.Use((context, next) => { context.Response.Headers.AccessControlAllowOrigin = "*"; return next(context); });
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Url, ["authorization_endpoint"] = $"{Url}/authorize", ["token_endpoint"] = $"{Url}/token",
            ["jwks_uri"] = $"{Url}/jwks",
            ["response_types_supported"] = new[] { "code" }, ["code_challenge_methods_supported"] = new[] { "S256" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" }, ["subject_types_supported"] = new[] { "public" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var p = _key.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus),
                        e = Base64UrlEncoder.Encode(p.Exponent),
                    },
                },
            });
        });
        _app.MapGet("/authorize", (HttpRequest r) =>
        {
            var q = r.Query;
            if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
                return Results.BadRequest("authorization code with PKCE (S256) only");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (q["code_challenge"]!, q["redirect_uri"]!, q["client_id"]!, q["scope"]!);
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
        });
        _app.MapPost("/token", async (HttpRequest r) =>
        {
            var form = await r.ReadFormAsync();
            TokenRequests.Add(string.Join("&", form.Keys.Order()));
            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"]!, out var pending))
                return Results.BadRequest(new { error = "invalid_grant" });
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"]!)));
            if (challenge != pending.Challenge || form["redirect_uri"] != pending.Redirect || form["client_id"] != pending.ClientId)
                return Results.BadRequest(
                    new { error = "invalid_grant", error_description = "PKCE verifier, redirect or client does not match" });
            return Results.Json(
                new { access_token = Mint(pending.Scope.Replace("openid", "").Trim()), token_type = "Bearer", expires_in = 600 });
        });
    }

    public string Mint(string scopes) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Url, Audience = "fundledger", Expires = DateTime.UtcNow.AddMinutes(10),
        Subject = new ClaimsIdentity([new Claim("sub", "oidc-user"), new Claim("client_id", "fundledger-dashboard"),
            new Claim("scope", scopes), new Claim("districts", Districts)]),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var provider = new TestIdentityProvider(Loopback.FreePort());
        await provider._app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
