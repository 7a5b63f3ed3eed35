using Npgsql;

namespace FundLedger.Store;

/// <summary>
/// One district's reads: its documents by id, by an indexed column or all of them, and its events by stream. Every
/// statement is filtered by the district. Opens one connection when first asked and keeps it to the end of the session.
/// </summary>
public sealed class StoreSession(string district, NpgsqlDataSource pool, StoreModel model) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public string TenantId => district;

    /// <summary>What the store holds: its event types and document tables.</summary>
    public StoreModel Model => model;

    /// <summary>
    /// A new connection of the district's database, not opened, for work that needs one of its own: a transaction, or a
    /// long-running reader beside the session's other reads.
    /// </summary>
    public NpgsqlConnection CreateConnection() => pool.CreateConnection();

    /// <summary>
    /// The session's one connection, opened asynchronously on first use, for statements of the caller's own between the
    /// session's reads. The session owns it: do not dispose it, and read every result before the next statement.
    /// </summary>
    public async Task<NpgsqlConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is null)
        {
            var connection = pool.CreateConnection();
            try { await connection.OpenAsync(ct); }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            _connection = connection;
        }
        return _connection;
    }

    public async Task<T?> LoadAsync<T>(string id, CancellationToken ct) where T : class =>
        (await ReadAsync<T>($"where tenant_id = $1 and id = $2", ct, district, id)).SingleOrDefault();

    public Task<List<T>> LoadManyAsync<T>(IEnumerable<string> ids, CancellationToken ct) =>
        ReadAsync<T>("where tenant_id = $1 and id = any($2)", ct, district, ids.ToArray());

    public Task<List<T>> AllAsync<T>(CancellationToken ct) => ReadAsync<T>("where tenant_id = $1", ct, district);

    /// <summary>The documents whose extra column <paramref name="column"/> (one of the table's own) equals the value.</summary>
    public Task<List<T>> WhereAsync<T>(string column, object value, CancellationToken ct) =>
        ReadAsync<T>($"where tenant_id = $1 and {Column<T>(column)} = $2", ct, district, value);

    /// <summary>The distinct values of an extra column of the district's documents.</summary>
    public async Task<List<TValue>> DistinctAsync<T, TValue>(string column, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"select distinct {Column<T>(column)} from {model.TableOf<T>().Qualified} where tenant_id = $1", ct, district);
        var values = new List<TValue>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) values.Add(reader.GetFieldValue<TValue>(0));
        return values;
    }

    /// <summary>
    /// The district's events of the streams whose ids begin with <paramref name="streamPrefix"/>, recorded at or before
    /// <paramref name="until"/>, in sequence order; events of a type the service does not know are left out.
    /// </summary>
    public Task<List<StoredEvent>> StreamEventsAsync(string streamPrefix, DateTimeOffset until, CancellationToken ct) =>
        EventsAsync(EventStoreSql.StreamEventsUntil, streamPrefix, until, ct);

    /// <summary>One stream's events recorded at or before <paramref name="until"/>, in order (an index read, however many the
    /// district has).</summary>
    public Task<List<StoredEvent>> StreamEventsOfAsync(string stream, DateTimeOffset until, CancellationToken ct) =>
        EventsAsync(EventStoreSql.StreamEventsOfUntil, stream, until, ct);

    private async Task<List<StoredEvent>> EventsAsync(string sql, string stream, DateTimeOffset until, CancellationToken ct)
    {
        await using var command = await CommandAsync(sql, ct, district, stream, until);
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (model.EventType(reader.GetString(2)) is { } type)
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), StoreJson.Read(type, reader, 3)));
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private async Task<List<T>> ReadAsync<T>(string where, CancellationToken ct, params object[] values)
    {
        await using var command = await CommandAsync($"select data from {model.TableOf<T>().Qualified} {where}", ct, values);
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) documents.Add(StoreJson.Read<T>(reader, 0));
        return documents;
    }

    private string Column<T>(string column) => model.TableOf<T>().Columns.Any(c => c.Name == column) ? column
        : throw new ArgumentException($"{typeof(T).Name} has no column {column}", nameof(column));

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct, params object[] values)
    {
        var command = new NpgsqlCommand(sql, await ConnectionAsync(ct));
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

/// <summary>A recorded event as a read sees it: its sequence number, stream and data.</summary>
public sealed record StoredEvent(long Sequence, string Stream, object Data);
