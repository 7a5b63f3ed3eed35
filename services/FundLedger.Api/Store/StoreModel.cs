using System.Text;
using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// What the store holds, given by the application at start-up: the event types it records, each by a stable name, and
/// the document tables it keeps. The store knows no domain beyond this.
/// </summary>
public sealed class StoreModel
{
    private readonly Dictionary<Type, string> _eventNames;
    private readonly Dictionary<string, Type> _eventTypes;
    private readonly Dictionary<Type, DocumentTable> _tables;

    public StoreModel(IEnumerable<Type> eventTypes, IEnumerable<DocumentTable> documents)
    {
        var types = eventTypes.ToList();
        _eventNames = types.ToDictionary(t => t, EventNameOf);
        EventNames = types.Select(EventNameOf).ToList();
        _eventTypes = _eventNames.ToDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal);
        Documents = [.. documents];
        _tables = Documents.ToDictionary(d => d.Document);
    }

    public IReadOnlyList<DocumentTable> Documents { get; }

    /// <summary>The name an event type is recorded by (the <c>type</c> column, and the audit feed's).</summary>
    public string EventName(Type type) => _eventNames.TryGetValue(type, out var name) ? name
        : throw new InvalidOperationException($"{type.Name} is not an event type of the store");

    /// <summary>The event type recorded by a name, or null for a name the service does not know.</summary>
    public Type? EventType(string name) => _eventTypes.GetValueOrDefault(name);

    /// <summary>Every event type's name, in the order the application gave them.</summary>
    public IReadOnlyList<string> EventNames { get; }

    public DocumentTable TableOf<T>() => TableOf(typeof(T));

    public DocumentTable TableOf(Type document) => _tables.TryGetValue(document, out var table) ? table
        : throw new InvalidOperationException($"{document.Name} is not a document of the store");

    /// <summary>
    /// The type's name in snake case (<c>DisbursementRecorded</c> → <c>disbursement_recorded</c>): the names every event
    /// has been recorded by since the first release, so they never change with a namespace or an assembly.
    /// </summary>
    public static string EventNameOf(Type type)
    {
        var name = new StringBuilder();
        foreach (var c in type.Name)
        {
            if (char.IsUpper(c) && name.Length > 0) name.Append('_');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}

/// <summary>
/// A table of documents of one type: a row per (district, id) with the document as jsonb, the extra columns named here
/// (kept beside the body for indexes and checks), and when it was last written. <see cref="Paged"/>: a table of many
/// documents per stream (vouchers), which a rebuild writes a page of events at a time instead of holding it in memory.
/// </summary>
public sealed record DocumentTable(Type Document, string Name, params DocumentColumn[] Columns)
{
    public string Qualified => $"{StoreSchema.Name}.{Name}";

    public bool Paged { get; init; }

    /// <summary>
    /// The projection's name when each document mirrors the stream of its id and its <c>version</c> column is the stream
    /// version it reflects (the projection lag compares the two); null otherwise.
    /// </summary>
    public string? MirrorsStream { get; init; }
}

/// <summary>
/// An extra column of a document table, filled from the document by the writer; <paramref name="Indexed"/>: whether
/// (district, column) is indexed for reads by it.
/// </summary>
public sealed record DocumentColumn(string Name, string SqlType, bool Indexed = false)
{
    /// <summary>The column's values of some documents, as a typed array (one statement parameter).</summary>
    public Func<IEnumerable<object>, Array> Values { get; init; } = _ => throw new InvalidOperationException($"{Name} has no value");

    /// <summary>Writes one document's value into a binary COPY row.</summary>
    public Func<NpgsqlBinaryImporter, object, CancellationToken, Task> Copy { get; init; } =
        (_, _, _) => throw new InvalidOperationException($"{Name} has no value");

    /// <summary>A column whose value the writer takes from each document.</summary>
    public static DocumentColumn Of<TDocument, TValue>(string name, string sqlType, Func<TDocument, TValue> value, bool indexed = false) =>
        new(name, sqlType, indexed)
        {
            Values = documents => documents.Select(d => value((TDocument)d)).ToArray(),
            Copy = (copy, document, ct) => copy.WriteAsync(value((TDocument)document), ct),
        };
}
