using System.Text;

namespace FundLedger.Kernel;

/// <summary>
/// Recorded text (department, appropriation and indicator names, reasons, goals) as it goes into every markdown the service
/// writes: shown as text by any CommonMark/GFM renderer, never as markup, a link or a table cell break. Backslash escapes,
/// not entities, so a renderer that decodes entities shows the same characters as one that does not:
/// <list type="bullet">
/// <item>every character that can open inline markup, a link, an image, raw HTML, an entity, math or a cell break
/// (<c>\ ` * _ ~ [ ] &lt; &gt; &amp; | # $</c>) is escaped;</item>
/// <item>the extended autolinks of GFM are broken: <c>:</c> before <c>//</c>, <c>.</c> after <c>www</c>, and every <c>@</c>;</item>
/// <item>line breaks become a space (or <c>&lt;br&gt;</c> in a table cell), so recorded text never starts a block of its
/// own, and its first character is escaped when it could open one at the start of a line (<c>- + = 1.</c> …).</item>
/// </list>
/// The service's own words pass unchanged except for the escapes; the dashboard's renderer reads them the same way.
/// </summary>
public static class MarkdownText
{
    private const string Inline = "\\`*_~[]<>&|#$@";

    /// <summary>Recorded text inside a paragraph, heading or list item.</summary>
    public static string Escape(string? text) => Write(text, " ");

    /// <summary>Recorded text inside a table cell: the same escapes, its own line breaks kept as <c>&lt;br&gt;</c>.</summary>
    public static string Cell(string? text) => Write(text, "<br>");

    private static string Write(string? text, string lineBreak)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var md = new StringBuilder(s.Length + 8);
        var opener = BlockOpener(s);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\n') { md.Append(lineBreak); continue; }
            if (c == '\t') { md.Append(' '); continue; }
            if (i == opener || Inline.Contains(c)
                || c == ':' && i + 2 < s.Length && s[i + 1] == '/' && s[i + 2] == '/'
                || c == '.' && i >= 3 && string.Compare(s, i - 3, "www", 0, 3, StringComparison.OrdinalIgnoreCase) == 0)
                md.Append('\\');
            md.Append(c);
        }
        return md.ToString();
    }

    /// <summary>
    /// Where the text would open a block at the start of a line: a bullet, a setext or thematic line or a quote (its first
    /// character), or an ordered list (the <c>.</c> or <c>)</c> after its number); -1 when it would not.
    /// </summary>
    private static int BlockOpener(string s)
    {
        var i = 0;
        while (i < s.Length && s[i] == ' ') i++;
        if (i == s.Length) return -1;
        if (s[i] is '-' or '+' or '=' or '>') return i;
        var j = i;
        while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
        return j > i && j < s.Length && s[j] is '.' or ')' ? j : -1;
    }
}
