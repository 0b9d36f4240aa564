using Marten;
using Weasel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Audit.Replay;

public sealed record RebuildReport(int Documents, long Events);

/// <summary>
/// <c>audit rebuild</c>: every inline snapshot written again from its stream's events, by the replay's own fold, a
/// batch of 1,000 streams bulk-written at a time. It writes documents, never events, so the chain is untouched (ADR 0059: why not Marten's own
/// <c>projections rebuild</c>).
/// </summary>
public static class RebuildSnapshots
{
    private const int Batch = 1000;

    private static readonly int Workers = Math.Clamp(Environment.ProcessorCount, 2, 4);

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
        await Parallel.ForEachAsync(streams.Chunk(Batch), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                await using var session = store.QuerySession();
                var folded = (await snapshots.FoldAsync(session, batch, token)).Select(pair => pair.Replayed).OfType<object>().ToList();

                // PostgreSQL's COPY into a staging table, then one upsert: a round trip per batch, not per document.
                await store.BulkInsertDocumentsAsync(folded, BulkInsertMode.OverwriteExisting, Batch, token);
                Interlocked.Add(ref documents, folded.Count);
                var written = Interlocked.Add(ref events, batch.Sum(stream => stream.Version));
                progress?.Report(written);
            });

        return new RebuildReport(documents, events);
    }

    /// <summary>How many events the rebuild will fold: the progress bar's end.</summary>
    public static async Task<long> EventsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var query = services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await services.GetRequiredService<Snapshots>().StreamsAsync(query, scope: null, cancellationToken)).Sum(stream => stream.Version);
    }
}
