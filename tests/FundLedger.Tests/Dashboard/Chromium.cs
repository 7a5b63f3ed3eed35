using Microsoft.Playwright;

namespace FundLedger.Tests.Dashboard;

/// <summary>
/// Debian's chromium (FUNDLEDGER_CHROMIUM, default /usr/bin/chromium) driven by Playwright through its executable path: no
/// browser is downloaded. Flags as this machine needs them: headless, no sandbox as root, and none of the background
/// connections a closed network refuses.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("FUNDLEDGER_CHROMIUM") ?? "/usr/bin/chromium";

    public static string Results { get; } = Directory.CreateDirectory(
        Path.Combine(Infrastructure.Samples.RepositoryRoot(), "tests", "FundLedger.Tests", "Dashboard", "results")).FullName;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}

/// <summary>A page of the dashboard that records every console error and uncaught exception, to be asserted empty.</summary>
public sealed class WatchedPage(IPage page)
{
    public IPage Page => page;
    public List<string> Errors { get; } = [];

    public static async Task<WatchedPage> OpenAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, TimezoneId = "UTC", Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var watched = new WatchedPage(await context.NewPageAsync());
        watched.Page.Console += (_, message) => { if (message.Type == "error") watched.Errors.Add($"console: {message.Text}"); };
        watched.Page.PageError += (_, error) => watched.Errors.Add($"page error: {error}");
        return watched;
    }

    public async Task SignInAsync(string token)
    {
        await page.GotoAsync("/dashboard/");
        await page.Locator("#token").FillAsync(token);
        await page.Locator("#signin").ClickAsync();
        await page.Locator("#year-status").WaitForAsync();
    }

    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Results, name + ".png"), FullPage = true });
}
