using System.Net;
using FundLedger.Security;
using FundLedger.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace FundLedger.Tests.Dashboard;

/// <summary>
/// With Auth__Authority set, the dashboard signs in with OpenID Connect (authorization code + PKCE) and the API takes the
/// provider's token.
/// </summary>
public sealed class DashboardSignInTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private TestIdentityProvider _provider = null!;
    private LedgerApp _app = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync();
        _app = LedgerApp.With(new Dictionary<string, string>
        {
            ["Auth:Authority"] = _provider.Url, ["Auth:Issuer"] = _provider.Url, ["Auth:RequireHttpsMetadata"] = "false",
        });
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_signs_in_with_the_identity_provider_and_reads_with_its_token()
    {
        var district = _app.NewDistrict();
        _provider.Districts = district;
        var api = new Api(_app.Client, district, 2020, _provider.Mint($"{Scopes.BudgetWrite} {Scopes.ReportsRead}"));
        Assert.Equal(HttpStatusCode.Created, (await api.Enact("OIDC1", 5_000m)).Status);

        var view = await WatchedPage.OpenAsync(browser.Browser, _app.Client.BaseAddress!.ToString());
        await view.Page.GotoAsync("/dashboard/");
        await view.Page.Locator("#oidc").ClickAsync();
        await Expect(view.Page.Locator("#lines tr[data-code='OIDC1']")).ToBeVisibleAsync();

        Assert.DoesNotContain("code=", view.Page.Url);   // the code left the address bar once exchanged
        Assert.Equal(["client_id&code&code_verifier&grant_type&redirect_uri"], _provider.TokenRequests);
        var token = await view.Page.EvaluateAsync<string>("sessionStorage.getItem('fundledger.token')");
        Assert.Equal(_provider.Url, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Issuer);
        Assert.True(view.Errors.Count == 0, string.Join("\n", view.Errors));
        await view.Page.Context.CloseAsync();
    }
}
