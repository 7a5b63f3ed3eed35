using System.Diagnostics;
using System.Security.Cryptography;
using FundLedger.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FundLedger.Tests.Security;

/// <summary>
/// The `token` verb fails closed: it once minted an 8-hour token with every scope for 丰台区 on `--help`, a misspelt option or
/// none, accepted a 1,900-year lifetime and died with a stack trace on `--minutes abc`.
/// </summary>
public sealed class TokenCommandTests
{
    private static readonly string[] Good =
        ["--sub", "clerk", "--client", "treasury", "--districts", "110106,110108", "--scopes", "reports:read"];

    [Fact]
    public void A_complete_request_is_taken_as_asked()
    {
        var (request, problems) = TokenCommand.Parse([.. Good, "--minutes", "90"]);
        Assert.Empty(problems);
        Assert.Equal(("clerk", "treasury", 90), (request!.Subject, request.Client, request.Minutes));
        Assert.Equal(["110106", "110108"], request.Districts);
        Assert.Equal(["reports:read"], request.Scopes);
        Assert.Equal(Scopes.All, TokenCommand.Parse([.. Good[..6], "--scopes", "all"]).Request!.Scopes);
        Assert.Equal(TokenCommand.DefaultMinutes, TokenCommand.Parse(Good).Request!.Minutes);
    }

    [Theory]
    [InlineData("--scope", "reports:read", "unknown option --scope")]
    [InlineData("--Scopes", "reports:read", "unknown option --Scopes")]
    [InlineData("--district", "110106", "unknown option --district")]
    [InlineData("-h", "x", "unknown option -h")]
    public void An_unknown_or_misspelt_option_is_refused(string option, string value, string problem)
    {
        var (request, problems) = TokenCommand.Parse([.. Good, option, value]);
        Assert.Null(request);
        Assert.Contains(problem, problems);
    }

    [Theory]
    [InlineData("--districts", "--districts is required")]
    [InlineData("--scopes", "--scopes is required")]
    [InlineData("--sub", "--sub is required")]
    [InlineData("--client", "--client is required")]
    public void No_district_scope_or_identity_is_given_by_default(string left, string problem)
    {
        var i = Array.IndexOf(Good, left);
        var (request, problems) = TokenCommand.Parse([.. Good[..i], .. Good[(i + 2)..]]);
        Assert.Null(request);
        Assert.Contains(problem, problems);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("1441")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1.5")]
    public void A_lifetime_is_a_whole_number_of_minutes_up_to_a_day(string minutes)
    {
        var (request, problems) = TokenCommand.Parse([.. Good, "--minutes", minutes]);
        Assert.Null(request);
        Assert.Equal([$"--minutes must be a whole number from 1 to {TokenCommand.MostMinutes}, not {minutes}"], problems);
    }

    [Theory]
    [InlineData("--scopes", "reports:read budget:writ", "scope budget:writ is not one of")]
    [InlineData("--districts", "11010", "district 11010 is not a 6-digit code")]
    [InlineData("--districts", ",", "--districts names no district")]
    public void Scopes_and_districts_are_checked_against_what_exists(string option, string value, string problem)
    {
        var i = Array.IndexOf(Good, option);
        var args = Good.ToArray();
        args[i + 1] = value;
        var (request, problems) = TokenCommand.Parse(args);
        Assert.Null(request);
        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_verb_prints_its_usage_for_help_refuses_what_it_cannot_take_and_mints_what_it_was_asked_for()
    {
        var (help, helpOut, _) = await RunAsync("token", "--help");
        Assert.Equal(0, help);
        Assert.StartsWith("Usage: FundLedger.Api token", helpOut);
        Assert.DoesNotContain("eyJ", helpOut);

        var (none, noneOut, noneErr) = await RunAsync("token");
        Assert.Equal(2, none);
        Assert.Equal("", noneOut);
        Assert.Contains("Usage:", noneErr);

        var (bad, badOut, badErr) = await RunAsync("token", "--sub", "c", "--client", "t", "--districts", "110106", "--scope", "all",
            "--minutes", "abc");
        Assert.Equal(2, bad);
        Assert.Equal("", badOut);
        Assert.Contains("token: unknown option --scope", badErr);
        Assert.Contains("token: --minutes must be a whole number", badErr);
        Assert.DoesNotContain("   at ", badErr);

        var (ok, token, _) = await RunAsync(["token", .. Good, "--minutes", "30"]);
        Assert.Equal(0, ok);
        var jwt = new JsonWebToken(token.Trim());
        Assert.Equal(("clerk", "treasury", "reports:read"),
            (jwt.Subject, jwt.GetClaim("client_id").Value, jwt.GetClaim("scope").Value));
        Assert.Equal(["110106", "110108"], jwt.Claims.Where(c => c.Type == DistrictGate.DistrictClaim).Select(c => c.Value));
        Assert.Equal(TimeSpan.FromMinutes(30), jwt.ValidTo - jwt.ValidFrom);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FundLedger.Api.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["Auth__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
