using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FundLedger.Ledger;

/// <summary>
/// The fingerprint of what a request asks for, taken over a canonical form of the wire request: the body as the
/// published contract names its fields (camelCase JSON), with the path's fields beside them, keys sorted, absent and null
/// fields left out, and numbers in one form (<c>100</c>, <c>100.0</c> and <c>"100.00"</c> are one amount: the contract's
/// amount type writes what it read as a number). Nothing of the C# command a request is validated into takes part, so
/// renaming or adding a property of a command, or adding an optional field to the contract, leaves every fingerprint as
/// it was; the form's version is part of what is hashed, and a new one would be a new prefix.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Prefixes every fingerprint: a claim recorded under the older form (<see cref="CommandHash"/>) has none.</summary>
    public const string Version = "v2:";

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <paramref name="operation"/>'s fingerprint of <paramref name="body"/> (a contract request) with the path's fields;
    /// a path field the body also names is the body's (a batch item names its appropriation, a lone POST's path does).
    /// </summary>
    public static string Of(string operation, object? body, params (string Field, object? Value)[] path) =>
        Of(operation, body, path, []);

    /// <summary>
    /// As <see cref="Of(string, object?, ValueTuple{string, object?}[])"/>, a top-level field sent with its default value
    /// (<paramref name="defaults"/>: what the service assumes when it is left out) counting as left out.
    /// </summary>
    public static string Of(string operation, object? body, (string Field, object? Value)[] path, (string Field, object? Value)[] defaults)
    {
        var fields = body is null ? new JsonObject() : JsonSerializer.SerializeToNode(body, body.GetType(), Wire) as JsonObject ?? [];
        foreach (var (field, value) in path)
            if (fields[field] is null) fields[field] = JsonValue.Create(value);
        foreach (var (field, value) in defaults)
            if (fields[field] is { } sent && sent.ToJsonString() == JsonValue.Create(value)?.ToJsonString()) fields.Remove(field);
        var canonical = new StringBuilder(Version).Append(operation).Append('\n');
        Write(canonical, fields);
        return Version + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>The canonical text of a wire value (also what tests compare).</summary>
    public static string Canonical(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in o.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(text, value);
                }
                text.Append('}');
                break;
            case JsonArray a:
                text.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(text, a[i]);
                }
                text.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                text.Append(Number(v.ToJsonString()));
                break;
            case null:
                text.Append("null");
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>A number without trailing zeros or exponent: 100.00 → 100, 1.50 → 1.5 (the contract's amounts write numbers).</summary>
    private static string Number(string raw) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d.ToString("0.############################", CultureInfo.InvariantCulture)
            : raw;
}
