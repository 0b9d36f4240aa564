using Marten;
using Npgsql;

namespace Achats.Audit.Chain;

/// <summary>Seal the chain: the head of every stream, under one Merkle root chained to the previous seal's (ADR 0058).</summary>
public sealed record SealChainHeads;

/// <summary>A seal written, or none when no event was appended since the last one.</summary>
public sealed record ChainSealed(long? SealId, int Streams, long Events, string Root);

public static class SealChainHeadsHandler
{
    public static async Task<ChainSealed> Handle(SealChainHeads command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var latest = await ChainStore.LatestSealAsync(session, cancellationToken);
        var (heads, events) = await HeadsAsync(session, cancellationToken);
        var root = SealRoot.Of(heads);
        if (latest is not null && latest.Root.AsSpan().SequenceEqual(root))
        {
            return new ChainSealed(null, heads.Count, events, ChainLink.Hex(root));
        }

        var id = (latest?.Id ?? 0) + 1;
        session.QueueSqlCommand(
            $"insert into {EventChain.Seals} (id, sealed_at, stream_count, event_count, root, previous_root) values (?, ?, ?, ?, ?, ?)",
            id, time.GetUtcNow(), heads.Count, events, root, (object?)latest?.Root ?? DBNull.Value);
        session.QueueSqlCommand(
            $"insert into {EventChain.SealedHeads} (seal_id, stream_id, version, hash) select ?, * from unnest(?::uuid[], ?::bigint[], ?::bytea[])",
            id, heads.Select(head => head.StreamId).ToArray(), heads.Select(head => head.Version).ToArray(), heads.Select(head => head.Hash).ToArray());
        return new ChainSealed(id, heads.Count, events, ChainLink.Hex(root));
    }

    /// <summary>Each stream's last link, and how many links there are.</summary>
    private static async Task<(List<SealedHead> Heads, long Events)> HeadsAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select distinct on (stream_id) stream_id, version, hash, count(*) over ()
            from {EventChain.Links} order by stream_id, version desc, seq_id desc
            """);
        var heads = new List<SealedHead>();
        long events = 0;
        await using var reader = await session.ExecuteReaderAsync(command, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            heads.Add(new SealedHead(reader.GetGuid(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
            events = reader.GetInt64(3);
        }

        return (heads, events);
    }
}
