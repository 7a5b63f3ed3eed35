using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FundLedger.Security;
using FundLedger.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FundLedger.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's chromium through Playwright), on the Fengtai samples loaded over HTTP: what a
/// person signing in with a token sees, follows and is refused; every page screenshotted into Browser/results; no console
/// error anywhere.
/// </summary>
public sealed class DashboardTests(LedgerApp app, BrowserFixture browser) : LedgerTest(app), IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Api? _fengtai;
    private WatchedPage _view = null!;

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_fengtai is null)
            {
                var api = NewDistrict();
                await Samples.LoadFengtaiAsync(api);
                _fengtai = api;
            }
        }
        finally { Gate.Release(); }
        _view = await WatchedPage.OpenAsync(browser.Browser, App.Client.BaseAddress!.ToString());
    }

    public async Task DisposeAsync() => await _view.Page.Context.CloseAsync();

    private IPage Page => _view.Page;
    private Api Fengtai => _fengtai!;

    private async Task SignInToFengtai(int year)
    {
        await _view.SignInAsync(App.Token(Fengtai.District));
        await Page.Locator("#year").SelectOptionAsync(year.ToString());
        await Expect(Page.Locator("#page-execution h1")).ToContainTextAsync(year.ToString());
        await Page.Locator("#lines tbody tr").First.WaitForAsync();
    }

    private void NoConsoleErrors() => Assert.True(_view.Errors.Count == 0, string.Join("\n", _view.Errors));

    [Fact]
    public async Task A_signed_in_viewer_sees_the_14_project_rates_of_2020_and_the_20701_explanation()
    {
        await SignInToFengtai(2020);
        await Page.Locator("#kind").SelectOptionAsync("project");
        await Expect(Page.Locator("#page-range")).ToHaveTextAsync("1–14 / 14");
        var rates = await Page.Locator("#lines tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.cells[1].textContent + ' ' + r.cells[6].textContent)");
        Assert.Equal(
            ["《丰台报》相关费用 90.32%", "“北京丰台”客户端推广项目 99.71%", "奥运大屏运维费 99.70%",
             "部门运转聘用人员经费 83.90%", "丰台区融媒体中心建设项目（一期） 0.00%",
             "丰台区域文化融媒体宣传项目 93.43%", "公益广告专项扶持资金 97.00%", "互联网接入服务费 100.00%",
             "基层党组织党建活动经费 100.00%", "媒体融合发展扶持资金 100.00%", "聘用人员保障经费 92.53%",
             "融媒体学院培训费 99.94%", "新媒体业务运维项目 87.43%", "专用设备运维费 99.29%"],
            rates);
        // 万元 on the page, the exact 元 on hover.
        Assert.Equal("3,220,600.00 元", await Page.Locator("#lines tr[data-code='P01'] td:nth-child(5) span").GetAttributeAsync("title"));
        await Page.Locator("#chart-quarters canvas").WaitForAsync();
        await _view.ScreenshotAsync("execution");

        await Page.Locator("#nav-variance").ClickAsync();
        await Expect(Page.Locator("#variance-nodes tr[data-code='20701'] .explanation")).ToHaveTextAsync(
            "2020年度决算80.49万元，比2020年年初预算减少1990.51万元，下降96.11%。" +
            "主要原因：丰台区融媒体中心建设项目（一期）2000.00万元未支出，" +
            "作为财政应返还额度结转至2021年。");
        await Page.Locator("#variance-nodes tr[data-code='20701'] a").First.ClickAsync();
        await Page.Locator("#chart-waterfall canvas").WaitForAsync();
        await Expect(Page.Locator("#waterfall-title")).ToContainTextAsync("20701");
        await _view.ScreenshotAsync("variance");
        NoConsoleErrors();
    }

    [Fact]
    public async Task A_variance_reason_leads_to_the_events_behind_it_and_the_carry_forward_links_both_years()
    {
        await SignInToFengtai(2020);
        await Page.GotoAsync("/dashboard/#/variance?level=section");
        var reason = Page.Locator("#variance-nodes tr[data-code='20701'] a.reason-link[data-kind='carry-forward']");
        var href = await reason.GetAttributeAsync("href");
        var sequences = href!["#/events/".Length..].Split(',').Select(long.Parse).ToList();
        await reason.ClickAsync();

        await Expect(Page.Locator(".event")).ToHaveCountAsync(sequences.Count);
        Assert.Equal(sequences,
            (await Page.Locator(".event").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.sequence)")).Select(long.Parse));
        await Expect(Page.Locator(".event").First).ToContainTextAsync("balance_carried_forward");
        await _view.ScreenshotAsync("events");

        await Page.Locator(".event a.event-stream").First.ClickAsync();
        await Expect(Page.Locator("#carried-to a")).ToHaveTextAsync("2021 P21-JZ01");
        await _view.ScreenshotAsync("appropriation");
        await Page.Locator("#carried-to a").ClickAsync();
        await Expect(Page.Locator("#carried-from a")).ToHaveTextAsync("2020 P05");
        await Expect(Page.Locator("#history tr[data-sequence]")).ToHaveCountAsync(1);   // the carried-over line's one event
        NoConsoleErrors();
    }

    [Fact]
    public async Task Switching_to_English_translates_the_pages_and_the_explanations()
    {
        await SignInToFengtai(2020);
        await Page.Locator("#lang").ClickAsync();
        await Expect(Page.Locator("#nav-execution")).ToHaveTextAsync("Execution");
        await Page.Locator("#nav-variance").ClickAsync();
        await Expect(Page.Locator("#variance-nodes tr[data-code='20701'] .explanation")).ToContainTextAsync("2020 final 80.49 (10k yuan)");
        await Page.Locator("#lang").ClickAsync();   // back to zh for the other tests of this browser
        await Expect(Page.Locator("#nav-execution")).ToHaveTextAsync("执行");
        NoConsoleErrors();
    }

    [Fact]
    public async Task Moving_as_of_before_the_year_close_shows_2020_open_on_every_page()
    {
        var feed = await Fengtai.Send(HttpMethod.Get, $"/api/v1/districts/{Fengtai.District}/audit/events?limit=1000", null);
        var close = feed.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(e => e["type"]!.GetValue<string>() == "fiscal_year_closed" && e["data"]!["year"]!.GetValue<int>() == 2020);
        var before = close["recordedAt"]!.GetValue<DateTimeOffset>().UtcDateTime.AddMilliseconds(-1);

        await SignInToFengtai(2020);
        await Expect(Page.Locator("#year-status")).ToHaveClassAsync("badge closed");
        // As the input normalises it: no trailing zeros in the fraction (Chromium refuses "…33.900" for a value it shows as "…33.9").
        await Page.Locator("#asof").FillAsync(before.ToString("yyyy-MM-ddTHH:mm:ss.FFF"));
        await Expect(Page.Locator("#year-status")).ToHaveClassAsync("badge open");
        await Expect(Page.Locator("#year-status")).ToHaveTextAsync("执行中");
        await Page.GotoAsync("/dashboard/#/appropriation/2020/P01");
        await Expect(Page.Locator("#page-appropriation .badge")).ToHaveTextAsync("执行中");
        await Page.Locator("#asof-clear").ClickAsync();
        await Expect(Page.Locator("#year-status")).ToHaveClassAsync("badge closed");
        NoConsoleErrors();
    }

    [Fact]
    public async Task A_disbursement_recorded_through_the_API_appears_on_the_open_page_within_2_seconds()
    {
        await SignInToFengtai(2021);
        var cell = Page.Locator("#lines tr[data-code='P21-01'] td:nth-child(6)");
        await Expect(cell).ToHaveTextAsync("0.00");
        await Expect(Page.Locator("#live")).ToHaveAttributeAsync("data-state", "on");

        var clock = Stopwatch.StartNew();
        var paid = await Fengtai.InYear(2021).Disburse("P21-01", "GK2021-LIVE-1", 12_345.67m, "2021-03-01");
        Assert.Equal(HttpStatusCode.Created, paid.Status);
        await Expect(cell).ToHaveTextAsync("1.23", new() { Timeout = 2_000 });
        var latency = clock.Elapsed;
        await File.WriteAllTextAsync(Path.Combine(Chromium.Results, "live-latency.txt"),
            $"POST answered → figure on the open page: {latency.TotalMilliseconds:0} ms " +
            $"(disbursement 201 after {paid.Response.Headers.Date})\n");
        await Expect(Page.Locator("#total-executed .v")).ToHaveTextAsync("1.23");
        NoConsoleErrors();
    }

    [Fact]
    public async Task Every_page_renders_and_is_screenshotted_and_the_execution_page_paints_quickly()
    {
        await SignInToFengtai(2020);
        // A fresh load with the token already in the tab: how long until the execution figures are on screen.
        await Page.ReloadAsync();
        await Page.Locator("#lines tbody tr").First.WaitForAsync();
        var paint = await Page.EvaluateAsync<double>("performance.getEntriesByName('fundledger:execution-rendered')[0].startTime");
        var contentful = await Page.EvaluateAsync<double>(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime");
        await File.WriteAllTextAsync(Path.Combine(Chromium.Results, "first-paint.txt"),
            $"execution page, Fengtai 2020: first contentful paint {contentful:0} ms, " +
            $"figures rendered {paint:0} ms after navigation start\n");

        foreach (var (hash, ready, name) in new[]
                 {
                     ("#/yoy", "#yoy-explanation", "year-over-year"),
                     ("#/report", "#report h2", "report"),
                     ("#/performance", "#performance-paragraph", "performance"),
                     ("#/performance/P01", "#sheet table", "performance-sheet"),
                     ("#/audit", "#chain-intact", "audit"),
                 })
        {
            await Page.GotoAsync("/dashboard/" + hash);
            await Page.Locator(ready).First.WaitForAsync();
            await _view.ScreenshotAsync(name);
        }
        await Page.GotoAsync("/dashboard/#/performance");
        await Expect(Page.Locator("#performance-paragraph"))
            .ToContainTextAsync("评价项目14个，占部门项目总数的100%，涉及金额3125.94万元");
        await Expect(Page.Locator("#page-performance tr[data-code='P01'] .grade-excellent")).ToHaveTextAsync("优");
        await Page.GotoAsync("/dashboard/#/audit");
        await Expect(Page.Locator("#chain-intact")).ToContainTextAsync("完整");
        await Page.GotoAsync("/dashboard/#/report");
        await Page.Locator("#report h2").First.WaitForAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#download").ClickAsync());
        var saved = Path.Combine(Chromium.Results, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Contains("## 六、绩效评价情况", await File.ReadAllTextAsync(saved));
        NoConsoleErrors();
    }

    [Fact]
    public async Task A_token_for_another_district_sees_nothing_of_this_one()
    {
        var other = App.NewDistrict();
        var api = App.For(other, 2020);
        await api.Enact("X1", 1_000m);
        await _view.SignInAsync(App.Token(other));

        Assert.Equal([other], await Page.Locator("#district option").EvaluateAllAsync<string[]>("o => o.map(x => x.value)"));
        foreach (var hash in new[] { "#/execution", "#/variance", "#/yoy", "#/performance", "#/audit" })
        {
            await Page.GotoAsync("/dashboard/" + hash);
            await Page.Locator("main section h1").WaitForAsync();
            var text = await Page.Locator("main").InnerTextAsync();
            Assert.DoesNotContain("丰台", text);
            Assert.DoesNotContain("P01", text);
        }
        await Expect(Page.Locator("#live")).ToHaveAttributeAsync("data-state", "on");

        // The API behind the page refuses the other district's figures and live stream to this token.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await api.Send(HttpMethod.Get, $"/api/v1/districts/{Fengtai.District}/years/2020/appropriations", null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Send(HttpMethod.Get, $"/api/v1/districts/{Fengtai.District}/live", null)).Status);
        NoConsoleErrors();
    }

    [Fact]
    public async Task A_large_year_is_paged_and_filtered_on_the_server()
    {
        var big = NewDistrict();
        await Task.WhenAll(Enumerable.Range(1, 120)
            .Select(i => big.Enact($"L{i:000}", 1_000m + i, kind: i % 3 == 0 ? "basic" : "project")));
        await _view.SignInAsync(App.Token(big.District));
        await Expect(Page.Locator("#page-range")).ToHaveTextAsync("1–50 / 120");
        Assert.Equal(50, await Page.Locator("#lines tbody tr").CountAsync());

        var answer = Page.WaitForResponseAsync(r => r.Url.Contains("/appropriations?") && r.Url.Contains("q=L11"));
        await Page.Locator("#filter").FillAsync("L11");
        var page = JsonNode.Parse(await (await answer).TextAsync())!;
        Assert.Equal((10, 10), (page["count"]!.GetValue<int>(), page["total"]!.GetValue<int>()));   // L110–L119
        await Expect(Page.Locator("#page-range")).ToHaveTextAsync("1–10 / 10");

        await Page.Locator("#filter").FillAsync("");
        await Page.Locator("#lines th[data-sort='adjusted']").ClickAsync();
        await Page.Locator("#lines th[data-sort='adjusted']").ClickAsync();
        await Expect(Page.Locator("#lines tbody tr").First).ToHaveAttributeAsync("data-code", "L120");
        await Page.Locator("#pager button").Last.ClickAsync();
        await Expect(Page.Locator("#page-range")).ToHaveTextAsync("51–100 / 120");
        NoConsoleErrors();
    }

    [Fact]
    public async Task The_API_reference_is_served_by_the_service_with_nothing_from_the_internet()
    {
        var outside = new List<string>();
        Page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(App.Client.BaseAddress!.ToString().TrimEnd('/')) && !r.Url.StartsWith("data:")) outside.Add(r.Url);
        };
        await Page.GotoAsync("/docs");
        await Expect(Page.GetByText("FundLedger API").First).ToBeVisibleAsync();
        await Expect(Page.GetByText("Disbursements").First).ToBeVisibleAsync();
        await _view.ScreenshotAsync("docs");
        Assert.Empty(outside);
        NoConsoleErrors();
    }

    [Fact]
    public async Task The_root_leads_to_the_dashboard_which_asks_for_a_token_and_refuses_a_bad_one()
    {
        await Page.GotoAsync("/");
        Assert.EndsWith("/dashboard/", Page.Url);
        await Page.Locator("#token").FillAsync("not-a-token");
        await Page.Locator("#signin").ClickAsync();
        await Expect(Page.Locator(".signin .error")).ToHaveTextAsync("令牌无效或已过期");
        Assert.Null(await Page.EvaluateAsync<string?>("sessionStorage.getItem('fundledger.token')"));
        NoConsoleErrors();
    }
}
