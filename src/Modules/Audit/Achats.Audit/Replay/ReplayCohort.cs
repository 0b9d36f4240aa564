using System.Text.Json.Nodes;
using Achats.Audit.Chain;
using Achats.Shared.Replay;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Audit.Replay;

/// <summary>How many records of one kind were replayed (« 3 inscriptions »).</summary>
public sealed record ReplayedCount(string Singular, string Plural, int Count)
{
    public override string ToString() => $"{Count} {(Count > 1 ? Plural : Singular)}";
}

/// <summary>One field of one record that the events do not state as stored.</summary>
public sealed record ReplayedDifference(string Noun, string Name, FieldDifference Field);

public sealed record ReplayReport(IReadOnlyList<ReplayedCount> Counts, IReadOnlyList<ReplayedDifference> Differences, long Events);

/// <summary>
/// <c>audit replay --cohort ID</c>: every snapshot of the cohort's streams (enrolments, signature files, the cohort,
/// its projects…) folded again from its events, and every other read model a module states again from the events
/// (the roster), each compared with what is stored, field by field (ADR 0059).
/// </summary>
public static class ReplayCohort
{
    private const int Batch = 1000;

    private static readonly int Workers = Math.Clamp(Environment.ProcessorCount, 2, 4);

    public static async Task<ReplayReport> RunAsync(IServiceProvider services, Guid cohortId, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var snapshots = services.GetRequiredService<Snapshots>();
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var scope = await ChainStore.StreamsOfCohortAsync(session, cohortId, cancellationToken);
        var streams = await snapshots.StreamsAsync(session, scope, cancellationToken);

        // The other read models meanwhile, and the snapshots' batches side by side, each on a session of its own: one
        // reads from PostgreSQL while another folds.
        var readModels = services.GetServices<IReadModelReplay>()
            .Select(async readModel =>
            {
                await using var readModelSession = services.GetRequiredService<IDocumentStore>().QuerySession();
                return (readModel.Noun, Records: await readModel.ReplayAsync(readModelSession, cohortId, cancellationToken));
            })
            .ToList();
        var differences = new List<ReplayedDifference>();
        long events = 0;
        var store = services.GetRequiredService<IDocumentStore>();
        await Parallel.ForEachAsync(streams.Chunk(Batch), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                await using var batchSession = store.QuerySession();
                var stored = await snapshots.StoredAsync(batchSession, batch, token);
                var found = new List<ReplayedDifference>();
                foreach (var (stream, replayed) in await snapshots.FoldAsync(batchSession, batch, token))
                {
                    found.AddRange(Compare(snapshots, stream, stored.GetValueOrDefault(stream.Id), replayed));
                }

                lock (differences)
                {
                    differences.AddRange(found);
                }

                var read = Interlocked.Add(ref events, batch.Sum(stream => stream.Version));
                progress?.Report(read);
            });

        var counts = streams.GroupBy(stream => stream.Type)
            .Select(kind => new ReplayedCount(kind.Key.Singular, kind.Key.Plural, kind.Count()))
            .ToList();
        foreach (var (noun, records) in await Task.WhenAll(readModels))
        {
            counts.Add(new ReplayedCount(noun.Singular, noun.Plural, records.Count));
            differences.AddRange(records.SelectMany(record => JsonDifferences.Between(snapshots.Json(record.Stored), snapshots.Json(record.Replayed))
                .Select(field => new ReplayedDifference(noun.Singular, record.Name, field))));
        }

        return new ReplayReport(counts, differences, events);
    }

    /// <summary>The differences of one document; most have none, found without building the trees.</summary>
    private static IEnumerable<ReplayedDifference> Compare(Snapshots snapshots, SnapshotStream stream, string? stored, object? replayed)
    {
        var replayedText = snapshots.Text(replayed);
        if (stored is not null && replayedText is not null && JsonDifferences.Same(stored, replayedText))
        {
            return [];
        }

        var storedJson = stored is null ? null : JsonNode.Parse(stored);
        var replayedJson = replayedText is null ? null : JsonNode.Parse(replayedText);
        var name = stream.Type.NameFields.Count == 0
            ? stream.Id.ToString()
            : string.Join(' ', stream.Type.NameFields.Select(field => JsonDifferences.At(replayedJson ?? storedJson, field)).OfType<string>());
        return JsonDifferences.Between(storedJson, replayedJson).Select(field => new ReplayedDifference(stream.Type.Singular, name, field));
    }
}
