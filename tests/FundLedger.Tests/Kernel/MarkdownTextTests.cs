using FundLedger.Kernel;

namespace FundLedger.Tests.Kernel;

/// <summary>
/// Recorded text in the service's markdown: every payload the attack recorded comes out as text (the browser tests render the
/// same payloads with a GFM renderer and look for any element they would have made).
/// </summary>
public sealed class MarkdownTextTests
{
    /// <summary>What was recorded through the public API in the attack, and what else would be markup or a link in GFM.</summary>
    public static readonly TheoryData<string> Payloads =
    [
        "<img src=x onerror=alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<meta http-equiv=refresh content=\"0;url=http://phish.example/\">",
        "<style>#total-executed .v{font-size:0}</style>",
        "[x](data:text/html,<script>alert(1)</script>)",
        "![i](data:image/svg+xml;base64,PHN2Zz4=)",
        "[点击查看](javascript:alert(1))",
        "literal \\| pipe",
        "http://phish.example/login",
        "www.phish.example",
        "clerk@phish.example",
        "# a heading",
        "- a list",
        "1. an ordered list",
        "> a quote",
        "**bold** _em_ ~~struck~~ `code` $x$",
        "line one\n# line two",
        "&lt;script&gt; &amp;",
        "<https://autolink.example>",
        "[ref]: https://reference.example",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Every_character_that_opens_markup_or_a_link_is_escaped(string recorded)
    {
        foreach (var escaped in new[] { MarkdownText.Escape(recorded), MarkdownText.Cell(recorded).Replace("<br>", " ") })
        {
            Assert.DoesNotContain('\n', escaped);
            Assert.Equal(recorded.Replace("\n", " "), Unescape(escaped));
            for (var i = 0; i < escaped.Length; i++)
            {
                if (escaped[i] == '\\') { i++; continue; }
                Assert.DoesNotContain(escaped[i], "`*_~[]<>&|#$@");
                Assert.False(escaped[i] == ':' && escaped[(i + 1)..].StartsWith("//"), $"an autolink scheme in {escaped}");
                Assert.False(escaped[i] == '.' && escaped[..i].EndsWith("www", StringComparison.OrdinalIgnoreCase),
                    $"a www autolink in {escaped}");
            }
        }
    }

    [Theory]
    [InlineData("- a list", "\\- a list")]
    [InlineData("  + a list", "  \\+ a list")]
    [InlineData("1. an ordered list", "1\\. an ordered list")]
    [InlineData("12) an ordered list", "12\\) an ordered list")]
    [InlineData("=== a setext line", "\\=== a setext line")]
    [InlineData("2020年度决算", "2020年度决算")]
    [InlineData("“北京丰台”客户端推广项目（一期）", "“北京丰台”客户端推广项目（一期）")]
    [InlineData("literal \\| pipe", "literal \\\\\\| pipe")]
    public void Text_that_would_open_a_block_is_escaped_and_the_service_s_own_words_pass_unchanged(string recorded, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(recorded));

    [Fact]
    public void A_cell_keeps_its_line_breaks_as_br_and_a_paragraph_as_spaces()
    {
        Assert.Equal("one<br>two", MarkdownText.Cell("one\r\ntwo"));
        Assert.Equal("one two", MarkdownText.Escape("one\ntwo"));
    }

    private static string Unescape(string escaped)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length && char.IsAsciiLetterOrDigit(escaped[i + 1]) is false) i++;
            text.Append(escaped[i]);
        }
        return text.ToString();
    }
}
