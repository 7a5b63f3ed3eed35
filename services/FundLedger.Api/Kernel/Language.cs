namespace FundLedger.Kernel;

/// <summary>The language a generated text is written in: Chinese (<c>zh</c>, the default) or English (<c>en</c>).</summary>
public readonly record struct Language
{
    private Language(string code) => Code = code;

    public static readonly Language Chinese = new("zh");
    public static readonly Language English = new("en");

    public string Code => field ?? "zh";

    public bool IsChinese => Code == "zh";

    /// <summary>A <c>lang</c> value: absent is Chinese; anything but zh or en is refused, naming the field.</summary>
    public static Language Parse(Fields f, string? value, string field = "lang")
    {
        switch (value)
        {
            case null or "zh": return Chinese;
            case "en": return English;
            default:
                f.Add(field, "must be zh or en");
                return Chinese;
        }
    }

    public override string ToString() => Code;
}
