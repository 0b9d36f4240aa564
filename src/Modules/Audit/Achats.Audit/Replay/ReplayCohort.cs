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
    private const int Batch = 500;

    public static async Task<ReplayReport> RunAsync(IServiceProvider services, Guid cohortId, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var snapshots = services.GetRequiredService<Snapshots>();
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var scope = await ChainStore.StreamsOfCohortAsync(session, cohortId, cancellationToken);
        var streams = await snapshots.StreamsAsync(session, scope, cancellationToken);

        var differences = new List<ReplayedDifference>();
        long events = 0;
        foreach (var batch in streams.Chunk(Batch))
        {
            var stored = await snapshots.StoredAsync(session, batch, cancellationToken);
            foreach (var (stream, replayed) in await snapshots.FoldAsync(session, batch, cancellationToken))
            {
                var storedJson = stored.TryGetValue(stream.Id, out var text) ? System.Text.Json.Nodes.JsonNode.Parse(text) : null;
                var replayedJson = snapshots.Json(replayed);
                var name = stream.Type.NameFields.Count == 0
                    ? stream.Id.ToString()
                    : string.Join(' ', stream.Type.NameFields.Select(field => JsonDifferences.At(replayedJson ?? storedJson, field)).OfType<string>());
                differences.AddRange(JsonDifferences.Between(storedJson, replayedJson)
                    .Select(field => new ReplayedDifference(stream.Type.Singular, name, field)));
                events += stream.Version;
            }

            progress?.Report(events);
        }

        var counts = streams.GroupBy(stream => stream.Type)
            .Select(kind => new ReplayedCount(kind.Key.Singular, kind.Key.Plural, kind.Count()))
            .ToList();
        foreach (var readModel in services.GetServices<IReadModelReplay>())
        {
            var records = await readModel.ReplayAsync(session, cohortId, cancellationToken);
            counts.Add(new ReplayedCount(readModel.Noun.Singular, readModel.Noun.Plural, records.Count));
            differences.AddRange(records.SelectMany(record => JsonDifferences.Between(snapshots.Json(record.Stored), snapshots.Json(record.Replayed))
                .Select(field => new ReplayedDifference(readModel.Noun.Singular, record.Name, field))));
        }

        return new ReplayReport(counts, differences, events);
    }
}
