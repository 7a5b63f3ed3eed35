using Npgsql;

namespace FundLedger.Store;

/// <summary>What kind of failure a database exception is, wherever it was raised (a wrapped one by its inner exception).</summary>
public enum DatabaseFailure
{
    /// <summary>Not a database failure the service can name: a bug, answered 500.</summary>
    None,

    /// <summary>A lost race (unique claim, deadlock, serialization): settled by trying again at once.</summary>
    LostRace,

    /// <summary>
    /// The database could not be used: not reachable, restarting, shutting down, out of connections, the connection
    /// dropped, a pool or command timeout. Answered 503 with Retry-After; reads are retried first.
    /// </summary>
    Unavailable,

    /// <summary>
    /// PostgreSQL refused a statement for a reason of its own (a constraint, a missing table): a bug or a missing migration.
    /// </summary>
    Refused,
}

public static class DatabaseFailures
{
    public static DatabaseFailure Classify(Exception e) => e switch
    {
        PostgresException { SqlState: "23505" or "40P01" or "40001" } => DatabaseFailure.LostRace,
        // 08: connection exception; 57P: admin/crash shutdown, cannot connect now; 53300: too many connections;
        // 57014: statement cancelled (the command timeout).
        PostgresException p when p.SqlState.StartsWith("08") || p.SqlState.StartsWith("57P") || p.SqlState is "53300" or "57014" =>
            DatabaseFailure.Unavailable,
        PostgresException => DatabaseFailure.Refused,
        NpgsqlException { IsTransient: true } or IOException or TimeoutException or System.Net.Sockets.SocketException =>
            DatabaseFailure.Unavailable,
        _ when e.InnerException is { } inner => Classify(inner),
        _ => DatabaseFailure.None,
    };

    public static bool IsUnavailable(Exception e) => Classify(e) == DatabaseFailure.Unavailable;

    /// <summary>What an operator reads: the innermost message ("Connection refused"), or PostgreSQL's own when it spoke.</summary>
    public static string Reason(Exception e)
    {
        while (e.InnerException is { } inner && e is not PostgresException) e = inner;
        return e.Message;
    }
}
