using Npgsql;

namespace FundLedger.Ledger;

/// <summary>
/// Replaces every projected document by what the events say: reads the events once, in sequence order, a page at a
/// time; folds them in memory with the application's projection (<see cref="ILedgerProjection"/>, the code the write path
/// runs); and writes the documents with binary COPY. One transaction: readers see the old documents or the new ones,
/// and writers wait for it. Memory holds the documents of every table but the paged ones (one per stream), and one page
/// of those (vouchers: many per stream).
/// </summary>
public sealed class LedgerRebuild(LedgerTables tables, ILedgerProjection projection)
{
    public const int Page = 50_000;

    public async Task<long> RunAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await tables.BeginRebuildAsync(connection, ct);
        var paged = tables.ProjectedTables.Where(t => t.Paged).Select(t => t.Document).ToHashSet();
        var documents = new Documents(paged);
        long events = 0, after = 0;
        while (true)
        {
            var page = await LedgerTables.ReadEventsAsync(connection, tables.Model, after, Page, ct);
            if (page.Count == 0) break;
            // What a fold reads from a page written earlier (a reversal of a voucher paid then): read it back.
            var missing = page.SelectMany(e => projection.Reads(e.District, e.Stream, e.Data))
                .Where(k => paged.Contains(k.Type) && !documents.Holds(k)).Distinct().GroupBy(k => k.Type);
            foreach (var keys in missing)
            {
                var earlier = await tables.ReadDocumentsAsync(connection, keys.Key, keys.Select(k => k.Key).ToList(), ct);
                foreach (var (key, document) in earlier) documents.Earlier(new DocumentKey(keys.Key, key), document);
            }
            foreach (var e in page) projection.Apply(documents, e.District, e.Stream, e.Version, e.Data);
            foreach (var type in paged)
            {
                await tables.CopyDocumentsAsync(connection, type, documents.Written(type, earlier: false), ct);
                await tables.ReplaceDocumentsAsync(connection, type, documents.Written(type, earlier: true), ct);
            }
            documents.NextPage();
            events += page.Count;
            after = page[^1].Sequence;
        }
        foreach (var table in tables.ProjectedTables.Where(t => !t.Paged))
            await tables.CopyDocumentsAsync(connection, table.Document, documents.Written(table.Document, earlier: false), ct);
        await LedgerTables.CommitAsync(connection, ct);
        return events;
    }

    /// <summary>
    /// The rebuild's documents, a map per type: a paged table's only for the page, split by whether a page before wrote them.
    /// </summary>
    private sealed class Documents(HashSet<Type> paged) : ILedgerDocuments
    {
        private readonly Dictionary<Type, Dictionary<DistrictKey, object>> _new = [];
        private readonly Dictionary<Type, Dictionary<DistrictKey, object>> _earlier = [];

        public bool Holds(DocumentKey key) => Of(_new, key.Type).ContainsKey(key.Key) || Of(_earlier, key.Type).ContainsKey(key.Key);

        public void Earlier(DocumentKey key, object document) => Of(_earlier, key.Type)[key.Key] = document;

        public IReadOnlyDictionary<DistrictKey, object> Written(Type type, bool earlier) => Of(earlier ? _earlier : _new, type);

        /// <summary>Forgets the page's documents of the paged tables, now written.</summary>
        public void NextPage()
        {
            foreach (var type in paged) _new.Remove(type);
            _earlier.Clear();
        }

        public T? Get<T>(string district, string id) where T : class
        {
            var key = new DistrictKey(district, id);
            return (Of(_new, typeof(T)).GetValueOrDefault(key) ?? Of(_earlier, typeof(T)).GetValueOrDefault(key)) as T;
        }

        public void Put<T>(string district, string id, T document) where T : class
        {
            var key = new DistrictKey(district, id);
            var earlier = Of(_earlier, typeof(T));
            if (earlier.ContainsKey(key)) earlier[key] = document;
            else Of(_new, typeof(T))[key] = document;
        }

        private static Dictionary<DistrictKey, object> Of(Dictionary<Type, Dictionary<DistrictKey, object>> maps, Type type)
        {
            if (!maps.TryGetValue(type, out var map)) maps[type] = map = [];
            return map;
        }
    }
}
