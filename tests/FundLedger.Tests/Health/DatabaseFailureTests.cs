using System.Net.Sockets;
using FundLedger.Health;
using Npgsql;
using FundLedger.Store;

namespace FundLedger.Tests.Health;

/// <summary>
/// Which database failures are an outage (503 with Retry-After, reads retried first), which a lost race (tried again at
/// once), and which a bug (500): the classification every answer of the service depends on, wherever the exception was
/// wrapped (Marten wraps Npgsql's).
/// </summary>
public sealed class DatabaseFailureTests
{
    public static TheoryData<Exception, DatabaseFailure> Cases => new()
    {
        {
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            DatabaseFailure.Unavailable
        },
        { new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), DatabaseFailure.Unavailable },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), DatabaseFailure.Unavailable },
        { Postgres("57P01"), DatabaseFailure.Unavailable },   // terminating connection due to administrator command
        { Postgres("57P03"), DatabaseFailure.Unavailable },   // the database system is starting up
        { Postgres("53300"), DatabaseFailure.Unavailable },   // too many connections
        { Postgres("08006"), DatabaseFailure.Unavailable },   // connection failure
        { Postgres("57014"), DatabaseFailure.Unavailable },   // statement timeout
        { new InvalidOperationException("wrapped", Postgres("57P01")), DatabaseFailure.Unavailable },
        { Postgres("23505"), DatabaseFailure.LostRace },      // a claim taken by a concurrent transaction
        { Postgres("40P01"), DatabaseFailure.LostRace },      // deadlock
        { Postgres("42P01"), DatabaseFailure.Refused },       // a missing table: the migration, or a bug
        { Postgres("42501"), DatabaseFailure.Refused },       // the immutability trigger's refusal
        { new NpgsqlException("not transient"), DatabaseFailure.None },
        { new InvalidOperationException("a bug"), DatabaseFailure.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_is_classified_for_the_answer_it_gets(Exception failure, DatabaseFailure expected) =>
        Assert.Equal(expected, DatabaseFailures.Classify(failure));

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
