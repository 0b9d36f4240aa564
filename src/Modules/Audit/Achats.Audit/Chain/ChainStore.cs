using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Achats.Audit.Chain;

/// <summary>Reads the chain from the database: the events with their links, stream by stream, and the seals.</summary>
public static class ChainStore
{
    private const string Columns = $"""
        coalesce(e.stream_id, c.stream_id), coalesce(e.version, c.version), coalesce(e.seq_id, c.seq_id), e.type,
        {ChainLinkTimestamp}, e.correlation_id, e.causation_id, e.user_name, e.headers::text, e.data::text,
        c.hash, c.masked_digest, c.personal_digest, c.salt
        """;

    private const string ChainLinkTimestamp = """to_char(e."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')""";

    /// <summary>The streams about a cohort: its own, and every stream one of whose events names it (<c>CohortId</c>).</summary>
    public static async Task<IReadOnlySet<Guid>> StreamsOfCohortAsync(IQuerySession session, Guid cohortId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select distinct stream_id from {EventChain.Events}
            where stream_id = @cohort or data @> jsonb_build_object('CohortId', @cohort::text)
            """);
        command.Parameters.Add(new NpgsqlParameter("cohort", NpgsqlDbType.Uuid) { Value = cohortId });
        var streams = new HashSet<Guid>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            streams.Add(reader.GetGuid(0));
        }

        return streams;
    }

    public static async Task<long> CountAsync(IQuerySession session, IReadOnlySet<Guid>? scope, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select count(*) from {EventChain.Events} e {Where(scope, "e.stream_id")}");
        AddScope(command, scope);
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0);
    }

    /// <summary>Every event and every link (in scope), stream by stream, version by version; an event or a link alone has the other half null.</summary>
    public static async IAsyncEnumerable<ChainedEvent> ReadAsync(
        IQuerySession session, IReadOnlySet<Guid>? scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select {Columns}
            from {EventChain.Events} e full outer join {EventChain.Links} c on c.seq_id = e.seq_id
            {Where(scope, "coalesce(e.stream_id, c.stream_id)")}
            order by 1, 2, 3
            """);
        AddScope(command, scope);
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ChainedEvent(
                reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2),
                Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9),
                Bytes(reader, 10), Bytes(reader, 11), Bytes(reader, 12), Bytes(reader, 13));
        }
    }

    /// <summary>The latest seal with its heads, or null before the first one.</summary>
    public static async Task<Seal?> LatestSealAsync(IQuerySession session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select s.id, s.sealed_at, s.root, s.previous_root, h.stream_id, h.version, h.hash
            from (select * from {EventChain.Seals} order by id desc limit 1) s
            left join {EventChain.SealedHeads} h on h.seal_id = s.id
            """);
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        Seal? seal = null;
        var heads = new List<SealedHead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            seal ??= new Seal(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Bytes(reader, 2)!, Bytes(reader, 3), heads);
            if (!reader.IsDBNull(4))
            {
                heads.Add(new SealedHead(reader.GetGuid(4), reader.GetInt64(5), Bytes(reader, 6)!));
            }
        }

        return seal;
    }

    private static string Where(IReadOnlySet<Guid>? scope, string stream) => scope is null ? "" : $"where {stream} = any(@streams)";

    private static void AddScope(NpgsqlCommand command, IReadOnlySet<Guid>? scope)
    {
        if (scope is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = scope.ToArray() });
        }
    }

    private static string? Text(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static byte[]? Bytes(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
}
