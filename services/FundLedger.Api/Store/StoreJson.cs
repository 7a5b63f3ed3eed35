using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// The one JSON form of every stored event and document: camelCase properties, enums by name. It is the form the
/// store's rows were written in since the first release (then by Marten's serializer, configured the same way), so a
/// row recorded before FundLedger owned its tables reads back unchanged, and an event's <c>data</c> hashes the same.
/// </summary>
public static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    public static T Read<T>(NpgsqlDataReader reader, int column) =>
        JsonSerializer.Deserialize<T>(reader.GetFieldValue<string>(column), Options)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} reads as null");

    public static object Read(Type type, NpgsqlDataReader reader, int column) =>
        JsonSerializer.Deserialize(reader.GetFieldValue<string>(column), type, Options)
        ?? throw new InvalidDataException($"A stored {type.Name} reads as null");
}
