using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FundLedger.Tests.Dashboard;

/// <summary>
/// Recorded text is data on every page and in every markdown: names, reasons, indicator texts and memos recorded through the
/// public API carry the attack's payloads (a refresh to a phishing page, a style sheet that made 全年执行数 read 9,999.99,
/// images and frames with scripts, markdown links to javascript: and data:), and no element, style or navigation they contain
/// may take effect. The rate chart's tooltip once inserted a name as HTML.
/// </summary>
public sealed class RecordedTextTests(LedgerApp app, BrowserFixture browser)
    : LedgerTest(app), IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public const string Refresh = "<meta http-equiv=refresh content=\"0;url=http://phish.example/\">";
    public const string Restyle = "<style>#total-executed .v{font-size:0}#total-executed .v::after{content:\"9,999.99\"}</style>";
    public const string Image = "<img src=x onerror=\"document.title='pwned'\">";
    public const string Frame = "<iframe srcdoc=\"<p>framed</p>\"></iframe>";
    public const string ScriptLink = "[点击查看](javascript:alert(1))";
    public const string DataLink = "[x](data:text/html,<b>x</b>)";
    public const string DataImage = "![i](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)";
    public const string Pipe = "a \\| b | c";

    /// <summary>How many cells each row of the tables has more or fewer than its header.</summary>
    private const string RowWidths =
        "s => [...document.querySelectorAll(s)].flatMap(t => [...t.rows].map(r => r.cells.length - t.rows[0].cells.length))";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Api? _hostile;
    private WatchedPage _view = null!;

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try { _hostile ??= await RecordAsync(NewDistrict()); }
        finally { Gate.Release(); }
        _view = await WatchedPage.OpenAsync(browser.Browser, App.Client.BaseAddress!.ToString());
        await _view.Page.AddInitScriptAsync(PageChecks.WatchViolations);
    }

    public async Task DisposeAsync() => await _view.Page.Context.CloseAsync();

    private IPage Page => _view.Page;

    /// <summary>A year recorded through the public API with the payloads in every text a client sends.</summary>
    private static async Task<Api> RecordAsync(Api api)
    {
        async Task Must(Task<Answer> write)
        {
            var answer = await write;
            Assert.True((int)answer.Status is 200 or 201, answer.Raw);
        }
        object Line(string code, string name, string department) => new
        {
            code, name, department = new { code = "D1", name = department }, kind = "project", functionClass = "2070899",
            fundSource = "general-budget", originalAmount = "1000000.00", enactedOn = "2020-01-01", document = DataLink,
        };
        await Must(api.Post("appropriations", Line("P1", Restyle, Refresh)));
        await Must(api.Post("appropriations", Line("P2", Image, Refresh)));
        await Must(api.Post("appropriations", Line("P3", ScriptLink, Refresh)));
        await Must(api.Post("appropriations", Line("P4", DataImage, Refresh)));
        await Must(api.Post("appropriations/P1/adjustments",
            new { adjustmentId = "A1", type = "supplement", amount = "100000.00", reason = Frame, effectiveOn = "2020-06-30" }));
        await Must(api.Post("appropriations/P2/adjustments",
            new { adjustmentId = "A2", type = "reduction", amount = "100000.00", reason = DataLink, effectiveOn = "2020-06-30" }));
        await Must(api.Post("appropriations/P1/disbursements", new
        {
            voucherNo = "V1", amount = "320000.00", paidOn = "2020-05-20", costItem = Pipe, payee = Refresh, memo = Image,
        }));
        await Must(api.Post("appropriations/P1/performance/goals", new
        {
            revision = 1, overallGoal = Restyle, reason = Frame, setOn = "2019-12-31", manager = Image, phone = ScriptLink,
            indicators = new object[]
            {
                new { code = "Q1", category = "quantity", name = Frame, target = ScriptLink, direction = "positive", targetValue = 3,
                      unit = "期", weight = 60 },
                new { code = "S1", category = "satisfaction", name = Pipe, target = DataImage, direction = "qualitative", weight = 30 },
            },
        }));
        await Must(api.Close());
        await Must(api.Post("appropriations/P1/performance/evaluations", new
        {
            revision = 1, type = "self", evaluator = Refresh, evaluatedOn = "2021-03-31", completion = Image, executionScore = 2.9m,
            results = new object[]
            {
                new { indicator = "Q1", actual = DataLink, actualValue = 2, score = 40, deviation = Restyle },
                new { indicator = "S1", actual = Pipe, score = 20, deviation = ScriptLink },
            },
        }));
        return api;
    }

    [Fact]
    public async Task No_element_style_or_navigation_in_recorded_text_takes_effect_on_any_page()
    {
        var api = _hostile!;
        await _view.SignInAsync(App.Token(api.District));
        var executed = (await api.Get("execution?by=quarter")).Body!["totals"]!["executed"]!.GetValue<decimal>();
        var events = await api.Send(HttpMethod.Get, $"/api/v1/districts/{api.District}/audit/events?limit=100", null);
        var sequences = string.Join(',', events.Raw.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!["sequence"]!.GetValue<long>()));

        foreach (var (hash, ready) in new[]
                 {
                     ("#/execution", "#lines tbody tr"), ("#/appropriation/2020/P1", "#history tbody tr"),
                     ("#/appropriation/2020/P2", "#history tbody tr"), ("#/variance?level=item", "#variance-nodes tbody tr"),
                     ("#/yoy", "#yoy-explanation"), ("#/report", "#report h2"), ("#/performance", "#performance-paragraph"),
                     ("#/performance/P1", "#sheet table"), ("#/audit", "#feed tbody tr"), ($"#/events/{sequences}", ".event"),
                 })
        {
            await Page.GotoAsync("/dashboard/" + hash);
            await Page.Locator(ready).First.WaitForAsync();
            if (hash == "#/execution") await HoverEveryRateAsync();
            Assert.Empty(await PageChecks.InjectedAsync(Page));
            Assert.StartsWith(App.Client.BaseAddress + "dashboard/", Page.Url);
            Assert.Equal("FundLedger", await Page.TitleAsync());
        }

        // The headline figure is the recorded one, in the page's own style: no recorded style sheet restyled it.
        await Page.GotoAsync("/dashboard/#/execution");
        var card = Page.Locator("#total-executed .v");
        await Expect(card).ToHaveTextAsync((executed / 10_000m).ToString("0.00"));
        Assert.Equal("none", await card.EvaluateAsync<string>("e => getComputedStyle(e, '::after').content"));
        Assert.NotEqual("0px", await card.EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        // And the payloads are there, as text.
        await Expect(Page.Locator("#lines tr[data-code='P1'] td:nth-child(2)")).ToHaveTextAsync(Restyle);
        await Expect(Page.Locator("#lines tr[data-code='P2'] td:nth-child(2)")).ToHaveTextAsync(Image);
        await Expect(Page.Locator("#lines tr[data-code='P1'] td:nth-child(3)")).ToHaveTextAsync(Refresh);
        Assert.Empty(await PageChecks.ViolationsAsync(Page));
        Assert.True(_view.Errors.Count == 0, string.Join("\n", _view.Errors));
    }

    /// <summary>Every bar's tooltip of the rate chart, shown as a viewer's hover shows it: the recorded name, as text.</summary>
    private async Task HoverEveryRateAsync()
    {
        var chart = Page.Locator("#chart-rates canvas");
        await chart.WaitForAsync();
        const string Chart = "echarts.getInstanceByDom(document.getElementById('chart-rates'))";
        var names = await Page.EvaluateAsync<string[]>($"{Chart}.getOption().yAxis[0].data");
        Assert.Contains(Restyle, names);
        for (var i = 0; i < names.Length; i++)
        {
            await Page.EvaluateAsync(
                $"{Chart}.dispatchAction({{ type: 'showTip', seriesIndex: 0, dataIndex: {i} }})");
            var title = Page.Locator("#chart-rates .tip-title");
            await Expect(title).ToHaveTextAsync(names[i]);
            Assert.Empty(await PageChecks.InjectedAsync(Page));
        }
    }

    [Fact]
    public async Task The_service_s_markdown_shows_recorded_markup_as_text_in_a_GFM_renderer()
    {
        var api = _hostile!;
        var report = await api.Send(HttpMethod.Get, $"{api.Base}/report?department=D1&format=markdown", null);
        var sheet = await api.Send(HttpMethod.Get, $"{api.Base}/appropriations/P1/performance?format=markdown", null);
        var english = await api.Send(HttpMethod.Get, $"{api.Base}/report?department=D1&format=markdown&lang=en", null);
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal(HttpStatusCode.OK, sheet.Status);
        var marked = Environment.GetEnvironmentVariable("FUNDLEDGER_MARKED")
            ?? throw new InvalidOperationException("FUNDLEDGER_MARKED is not set: run the tests with deploy/local/test.sh");

        await Page.GotoAsync("about:blank");
        await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = marked });
        foreach (var markdown in new[] { report.Raw, sheet.Raw, english.Raw })
        {
            await Page.EvaluateAsync("md => { document.body.innerHTML = marked.parse(md, { gfm: true }); }", markdown);
            Assert.Empty(await PageChecks.InjectedAsync(Page));
            Assert.Equal(0, await Page.Locator("body a, body script, body link").CountAsync());
        }

        // Every payload of the sheet reads as it was recorded, and a recorded | never breaks a row into more cells.
        await Page.EvaluateAsync("md => { document.body.innerHTML = marked.parse(md, { gfm: true }); }", sheet.Raw);
        var text = await Page.EvaluateAsync<string>("document.body.textContent");
        foreach (var payload in new[] { Restyle, Image, Frame, ScriptLink, DataLink, DataImage, Pipe, Refresh })
            Assert.Contains(payload, text);
        var widths = await Page.EvaluateAsync<int[]>(RowWidths, "table");
        Assert.All(widths, w => Assert.Equal(0, w));

        await Page.EvaluateAsync("md => { document.body.innerHTML = marked.parse(md, { gfm: true }); }", report.Raw);
        var reportText = await Page.EvaluateAsync<string>("document.body.textContent");
        foreach (var payload in new[] { Refresh, Restyle, Frame, DataLink }) Assert.Contains(payload, reportText);
    }

    [Fact]
    public async Task The_dashboard_s_own_renderer_shows_the_same_markdown_as_text()
    {
        await _view.SignInAsync(App.Token(_hostile!.District));
        await Page.GotoAsync("/dashboard/#/performance/P1");
        await Page.Locator("#sheet table").First.WaitForAsync();
        var text = await Page.Locator("#sheet").InnerTextAsync();
        foreach (var payload in new[] { Restyle, Image, Frame, ScriptLink, DataImage }) Assert.Contains(payload, text);
        var widths = await Page.EvaluateAsync<int[]>(RowWidths, "#sheet table");
        Assert.All(widths, w => Assert.Equal(0, w));
        Assert.Empty(await PageChecks.InjectedAsync(Page));
        Assert.Empty(await PageChecks.ViolationsAsync(Page));
    }
}
