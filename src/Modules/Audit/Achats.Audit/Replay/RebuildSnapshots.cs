using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Audit.Replay;

public sealed record RebuildReport(int Documents, long Events);

/// <summary>
/// <c>audit rebuild</c>: every inline snapshot written again from its stream's events, a batch of streams per
/// transaction. It writes documents, never events, so the chain is untouched (ADR 0059: why not Marten's own
/// <c>projections rebuild</c>).
/// </summary>
public static class RebuildSnapshots
{
    private const int Batch = 500;

    public static async Task<RebuildReport> RunAsync(IServiceProvider services, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var snapshots = services.GetRequiredService<Snapshots>();
        var store = services.GetRequiredService<IDocumentStore>();
        IReadOnlyList<SnapshotStream> streams;
        await using (var query = store.QuerySession())
        {
            streams = await snapshots.StreamsAsync(query, scope: null, cancellationToken);
        }

        long events = 0;
        var documents = 0;
        foreach (var batch in streams.Chunk(Batch))
        {
            await using var session = store.LightweightSession();
            var folded = await snapshots.FoldAsync(session, batch, cancellationToken);
            Snapshots.Write(session, folded);
            await session.SaveChangesAsync(cancellationToken);
            documents += folded.Count(pair => pair.Replayed is not null);
            events += batch.Sum(stream => stream.Version);
            progress?.Report(events);
        }

        return new RebuildReport(documents, events);
    }

    /// <summary>How many events the rebuild will fold: the progress bar's end.</summary>
    public static async Task<long> EventsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var query = services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await services.GetRequiredService<Snapshots>().StreamsAsync(query, scope: null, cancellationToken)).Sum(stream => stream.Version);
    }
}
