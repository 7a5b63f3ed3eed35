using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FundLedger.Tests.Dashboard;

/// <summary>What the browser tests hold every page of the dashboard to, whatever it shows.</summary>
public static class PageChecks
{
    /// <summary>
    /// Collects every Content-Security-Policy violation of the page (a blocked inline style or script, a foreign request) in
    /// <c>window.__violations</c>, from before the page's own scripts run.
    /// </summary>
    public const string WatchViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample ?? ''}`));
        """;

    public static Task<string[]> ViolationsAsync(IPage page) => page.EvaluateAsync<string[]>("window.__violations ?? []");

    /// <summary>
    /// Elements no page of the dashboard puts in its body itself: if one is there, recorded text became markup (a refresh, a
    /// style sheet, an image or frame, a script link, a base or a form).
    /// </summary>
    public static Task<string[]> InjectedAsync(IPage page) => page.EvaluateAsync<string[]>("""
        [...document.body.querySelectorAll('meta[http-equiv], style, iframe, frame, img, object, embed, base, script:not([src]), ' +
          'svg, math, form:not(.signin):not(.filters), a[href^="javascript:" i], a[href^="data:" i], [onerror], [onload]')]
          .map(e => e.outerHTML.slice(0, 200))
        """);

    /// <summary>
    /// The text a person reads that the page wrote itself, not the recorded text it shows (names, reasons, explanations the
    /// service generated around them, stream ids, hashes, event JSON) and the language switch (labelled in the other language):
    /// the text to check for wire ids and untranslated words.
    /// </summary>
    public static Task<string> OwnTextAsync(IPage page) => page.EvaluateAsync<string>("""
        (() => {
          const skip = '.rec, .markdown, .explanation, pre, .hash, .stream-id, option, script, style, [hidden], #lang';
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const parts = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const parent = n.parentElement;
            if (!parent || parent.closest(skip) || !parent.checkVisibility()) continue;
            parts.push(n.textContent);
          }
          return parts.join(' ');
        })()
        """);

    /// <summary>axe-core on the page as it is: every serious or critical violation, with where it is.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
    }
}
