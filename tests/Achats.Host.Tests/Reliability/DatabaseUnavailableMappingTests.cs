using System.Net.Sockets;
using Achats.Shared.Http;
using Marten.Exceptions;
using Npgsql;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Reliability;

/// <summary>
/// Each way Npgsql, Marten and Wolverine say that PostgreSQL is out of reach, seen when the server is unreachable
/// from the start and when it is stopped under open sessions, is a 503 to retry; a refusal of the data is not.
/// </summary>
public sealed class DatabaseUnavailableMappingTests
{
    public static TheoryData<string, Exception> OutOfReach => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection timeout", new NpgsqlException("Timeout during connecting", new TimeoutException()) },
        { "stream cut by a stopping server", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "session ended by pg_ctl stop -m fast", Postgres("57P01", "terminating connection due to administrator command") },
        { "session ended by a crash", Postgres("57P02", "terminating connection because of crash of another server process") },
        { "server starting or stopping", Postgres("57P03", "the database system is shutting down") },
        { "connection failure", Postgres("08006", "connection failure") },
        { "wrapped by Marten", new MartenCommandException(new NpgsqlCommand("select 1"), Postgres("57P01", "terminating connection due to administrator command")) },
        { "wrapped twice", new InvalidOperationException("The handler failed.", new MartenCommandException(new NpgsqlCommand("select 1"),
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)))) },
        { "one of several", new AggregateException(new InvalidOperationException("other"), Postgres("57P01", "terminating connection")) },
        { "a wait that timed out", new TimeoutException("Timed out waiting for the handler.") },
    };

    [Theory]
    [MemberData(nameof(OutOfReach))]
    public void PostgreSQL_out_of_reach_is_a_503_to_retry(string situation, Exception failure)
    {
        var problem = ProblemDetailsMapping.ProblemFor(failure).ShouldNotBeNull(situation);

        problem.Status.ShouldBe(503, situation);
        problem.Type.ShouldBe(ProblemDetailsMapping.DatabaseUnavailableType);
        problem.Detail.ShouldNotBeNull().ShouldContain("réessayez");
    }

    [Fact]
    public void Data_PostgreSQL_refuses_is_no_outage()
    {
        ProblemDetailsMapping.DatabaseUnavailable(Postgres("23505", "duplicate key value violates unique constraint")).ShouldBeFalse();
        ProblemDetailsMapping.DatabaseUnavailable(new MartenCommandException(new NpgsqlCommand("select 1"), Postgres("22P05", "unsupported Unicode escape sequence")))
            .ShouldBeFalse();
    }

    private static PostgresException Postgres(string sqlState, string message) => new(message, "FATAL", "FATAL", sqlState);
}
