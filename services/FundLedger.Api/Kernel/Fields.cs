using System.Globalization;
using System.Text.RegularExpressions;

namespace FundLedger.Kernel;

/// <summary>
/// Collects what is wrong with a request body, field by field, so one 400 names every bad field.
/// Field names are the JSON (camelCase) names a client sent.
/// </summary>
public sealed partial class Fields
{
    private readonly Dictionary<string, List<string>> _errors = new();
    private readonly string _prefix;

    public Fields(string prefix = "") => _prefix = prefix;

    public bool Ok => _errors.Count == 0;

    public void Add(string field, string message)
    {
        var key = _prefix + field;
        if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Refusal Refusal() => Kernel.Refusal.Invalid(Errors);

    public string Required(string field, string? value, int maxLength = 200, bool lines = false)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "is required"); return ""; }
        return Text(field, value, maxLength, lines)!;
    }

    /// <summary>Free text; with <paramref name="lines"/> it may break lines (\n), as a table cell or a narrative does.</summary>
    public string? Text(string field, string? value, int maxLength = 200, bool lines = false)
    {
        if (value is null) return null;
        if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        else if (value.Any(c => char.IsControl(c) && !(lines && c == '\n')))
            Add(field, lines ? "must not contain control characters other than line breaks (\\n)" : "must not contain control characters");
        return value;
    }

    /// <summary>A business code (appropriation, voucher, adjustment): letters, digits, '.', '_' and '-', no spaces or slashes.</summary>
    public string Code(string field, string? value, bool required = true)
    {
        if (value is null && !required) return "";
        if (string.IsNullOrEmpty(value)) { Add(field, "is required"); return ""; }
        if (!CodePattern().IsMatch(value)) Add(field, "must be 1-64 letters, digits, '.', '_' or '-'");
        return value;
    }

    public DateOnly Date(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) { Add(field, "is required"); return default; }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Add(field, "must be a date yyyy-MM-dd");
        return default;
    }

    public Money Amount(string field, MoneyInput? input, bool mustBePositive)
    {
        switch (input)
        {
            case null: Add(field, "is required"); return Money.Zero;
            case { Error: { } error }: Add(field, error); return Money.Zero;
            case { Value: { } money } when mustBePositive && !money.IsPositive: Add(field, "must be greater than 0"); return money;
            case { Value: { } money } when money.IsNegative: Add(field, "must not be negative"); return money;
            case { Value: { } money }: return money;
            default: Add(field, "is required"); return Money.Zero;
        }
    }

    public T Choice<T>(string field, string? value, IReadOnlyDictionary<string, T> choices, T? fallback = null) where T : struct
    {
        if (value is null && fallback is { } f) return f;
        if (value is not null && choices.TryGetValue(value, out var choice)) return choice;
        Add(field, $"must be one of: {string.Join(", ", choices.Keys)}");
        return default;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex CodePattern();
}
