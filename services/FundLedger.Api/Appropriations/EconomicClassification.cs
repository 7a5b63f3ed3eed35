using System.Collections.Frozen;
using System.Text.Json;
using FundLedger.Kernel;

namespace FundLedger.Appropriations;

/// <summary>
/// 部门预算支出经济分类: what money is spent on (301 工资福利支出 … 30217 公务接待费, 30231
/// 公务用车运行维护费 …), a 类 of 3
/// digits and its 款 of 5. The list is national (财政部) and revised rarely: the service ships each revision
/// (Appropriations/Classifications/economic-{first year}.json), and a year uses the newest revision in force in it, so
/// a code is valid or not the same way on every replica and in every replay, and checking it costs no read.
/// </summary>
public sealed class EconomicClassification
{
    private static readonly IReadOnlyList<EconomicClassification> Revisions = Load();

    private readonly FrozenDictionary<string, string> _names;

    private EconomicClassification(int effectiveFrom, string source, IEnumerable<ClassificationCode> codes)
    {
        EffectiveFrom = effectiveFrom;
        Source = source;
        _names = codes.ToFrozenDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The first fiscal year the revision is in force.</summary>
    public int EffectiveFrom { get; }
    public string Source { get; }

    /// <summary>The code's name, or null when the revision does not have it.</summary>
    public string? Name(string code) => _names.GetValueOrDefault(code);

    public IEnumerable<ClassificationEntry> Entries => _names.OrderBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => new ClassificationEntry(c.Key, c.Value, c.Key.Length == 3 ? "class" : "section", "shipped"));

    /// <summary>The revision in force in <paramref name="year"/>, or null before the first one the service ships.</summary>
    public static EconomicClassification? For(int year) => Revisions.LastOrDefault(r => r.EffectiveFrom <= year);

    /// <summary>The 类 of a 3- or 5-digit code.</summary>
    public static string Class(string code) => code[..3];

    public static bool IsWellFormed(string code) => code.Length is 3 or 5 && code.All(char.IsAsciiDigit);

    /// <summary>
    /// Whether a payment may name <paramref name="paid"/> on a line budgeted on <paramref name="budgeted"/>: the same code,
    /// or a 款 of the line's 类 (a line budgeted on 302 pays 30217); a line with no class takes any.
    /// </summary>
    public static bool Refines(string? budgeted, string paid) =>
        budgeted is null || paid == budgeted || (budgeted.Length == 3 && paid.StartsWith(budgeted, StringComparison.Ordinal));

    /// <summary>
    /// An optional <paramref name="field"/> naming a code of the revision in force in <paramref name="year"/>: a 400 naming
    /// the field for a malformed code and for one the revision does not have (it would be reported under no name).
    /// </summary>
    public static string? Validate(Fields f, string field, string? value, int year)
    {
        if (value is null) return null;
        if (!IsWellFormed(value)) f.Add(field, "must be a 3- or 5-digit 经济分类 code such as 302 or 30201");
        else if (For(year) is not { } list) f.Add(field, $"no 部门预算支出经济分类 the service knows is in force in {year}");
        else if (list.Name(value) is null)
            f.Add(field, $"{value} is not a code of the 部门预算支出经济分类 in force in {year} ({list.Source})");
        return value;
    }

    /// <summary>The 3-digit and 5-digit codes whose 基本支出 is 人员经费: 工资福利支出 and
    /// 对个人和家庭的补助.</summary>
    public static bool IsPersonnel(string code) => Class(code) is "301" or "303";

    private static List<EconomicClassification> Load()
    {
        var assembly = typeof(EconomicClassification).Assembly;
        const string prefix = "FundLedger.Classifications.economic-";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                var list = JsonSerializer.Deserialize<ShippedRevision>(stream, JsonSerializerOptions.Web)!;
                return new EconomicClassification(list.EffectiveFrom, list.Source, list.Codes);
            })
            .OrderBy(r => r.EffectiveFrom).ToList();
    }

    private sealed record ShippedRevision(int EffectiveFrom, string Source, IReadOnlyList<ClassificationCode> Codes);
}
