using Marten;

namespace Achats.Community.Spaces;

/// <summary>
/// How every message kept in a space is kept: the space's stream fetched for writing, the decision taken on its current
/// state (none yet: null), its events appended. A redelivered or out-of-order message decides nothing new.
/// </summary>
internal static class SpaceStreams
{
    public static async Task KeepAsync(this IDocumentSession session, Guid cohortId, Func<CohortSpace?, IEnumerable<object>> decide, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<CohortSpace>(CohortSpace.IdOf(cohortId), cancellationToken);
        stream.AppendMany(decide(stream.Aggregate).ToArray());
    }
}
