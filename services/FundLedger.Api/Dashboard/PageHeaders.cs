using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FundLedger.Dashboard;

/// <summary>
/// The headers of the two pages people open (the dashboard and the API reference). The policy allows the page's own origin
/// only: no inline script or style (recorded text that slipped into markup could neither run nor restyle a figure), no
/// plugin, no frame of anything and in nothing, no <c>&lt;base&gt;</c>, forms only to the page's origin, and no referrer.
/// </summary>
public static partial class PageHeaders
{
    public static string Policy(string? connectTo = null, string scripts = "", string styles = "") =>
        $"default-src 'self'; script-src 'self'{scripts}; style-src 'self'{styles}; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'{(connectTo is null ? "" : " " + connectTo)}; object-src 'none'; frame-src 'none'; worker-src 'self' blob:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Set(IHeaderDictionary headers, string policy)
    {
        headers.ContentSecurityPolicy = policy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    }

    /// <summary>
    /// The API reference (Scalar): its page starts the reference with a short inline script written by the package, allowed
    /// by its hash (computed from the page as served, so a package update cannot break or widen it). Scalar's components
    /// insert their own style elements at run time, so this page, which shows no recorded text, allows inline style.
    /// </summary>
    public static async Task ReferenceAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        // Its scripts, styles and images (paths with an extension) go straight through, with the page's headers.
        if (Path.HasExtension(context.Request.Path.Value))
        {
            Set(headers, Policy(styles: " 'unsafe-inline'"));
            await next(context);
            return;
        }
        var body = context.Response.Body;
        using var page = new MemoryStream();
        context.Response.Body = page;
        try { await next(context); }
        finally { context.Response.Body = body; }
        var html = Encoding.UTF8.GetString(page.GetBuffer(), 0, (int)page.Length);
        var hashes = InlineScript().Matches(html)
            .Select(m => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
        Set(headers, Policy(scripts: string.Concat(hashes), styles: " 'unsafe-inline'"));
        page.Position = 0;
        await page.CopyToAsync(body, context.RequestAborted);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
