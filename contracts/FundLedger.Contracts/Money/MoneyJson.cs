using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FundLedger;

/// <summary>Stored and answered money is a JSON number at scale 2; reading accepts the exact forms only.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var raw = MoneyInputJsonConverter.RawText(ref reader);
        var error = "must be a number or a string";
        if (raw is null || !MoneyParser.TryParse(raw, out var money, out error))
            throw new JsonException($"not an exact amount of money ({raw ?? reader.TokenType.ToString()}): {error}");
        return money;
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Yuan);
}

/// <summary>
/// An amount as a client sent it: either money or the reason it is not. Request bodies use this so that
/// a bad amount becomes a validation error naming its field instead of a deserialisation failure.
/// </summary>
[JsonConverter(typeof(MoneyInputJsonConverter))]
public readonly record struct MoneyInput(Money? Value, string? Error)
{
    public static implicit operator MoneyInput(decimal yuan) => new(Money.Of(yuan), null);
}

public sealed class MoneyInputJsonConverter : JsonConverter<MoneyInput>
{
    public override MoneyInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return new MoneyInput(null, "must be a number or a string, not an object or array");
        }

        var raw = RawText(ref reader);
        if (raw is null)
            return new MoneyInput(null, $"must be a number or a string, not {reader.TokenType.ToString().ToLowerInvariant()}");
        return MoneyParser.TryParse(raw, out var money, out var error)
            ? new MoneyInput(money, null)
            : new MoneyInput(null, error);
    }

    public override void Write(Utf8JsonWriter writer, MoneyInput value, JsonSerializerOptions options)
    {
        if (value.Value is { } money) writer.WriteNumberValue(money.Yuan);
        else writer.WriteNullValue();
    }

    /// <summary>The literal text of a number or string token, never via double.</summary>
    internal static string? RawText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.String => reader.GetString(),
        _ => null,
    };
}
