using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FundLedger.Tests.Hosting;

/// <summary>
/// The two pages people open, the dashboard and the API reference, are served with the same headers: their own origin only,
/// no inline style (a recorded &lt;style&gt; restyled a headline figure), no &lt;base&gt;, forms to the origin, never framed,
/// no referrer. /docs had none of them and loaded inside a foreign iframe.
/// </summary>
public sealed partial class PageHeadersTests(LedgerApp app) : LedgerTest(app)
{
    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/js/app.js")]
    [InlineData("/docs/")]
    [InlineData("/docs/scalar.js")]
    public async Task Both_pages_and_their_files_carry_the_policy_and_are_never_framed(string path)
    {
        using var response = await App.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Directives(response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["base-uri"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.DoesNotContain("'unsafe-inline'", policy["script-src"]);
        Assert.DoesNotContain("'unsafe-eval'", policy["script-src"]);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        // The dashboard shows recorded text: no inline style at all.
        if (path.StartsWith("/dashboard")) Assert.Equal("'self'", policy["style-src"]);
    }

    [Fact]
    public async Task The_reference_s_one_inline_script_is_allowed_by_its_hash_and_nothing_else_inline_is()
    {
        using var response = await App.Client.GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();
        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(inline);
        var scripts = Directives(response.Headers.GetValues("Content-Security-Policy").Single())["script-src"];
        Assert.Equal(
            ["'self'", .. inline.Select(s => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'")],
            scripts.Split(' '));
    }

    [Fact]
    public async Task The_dashboard_s_redirect_is_relative_whatever_Host_the_request_names()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Client.BaseAddress };
        foreach (var path in new[] { "/dashboard", "/" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
        }
    }

    private static Dictionary<string, string> Directives(string policy) => policy.Split(';', StringSplitOptions.TrimEntries)
        .Where(d => d.Length > 0).ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
