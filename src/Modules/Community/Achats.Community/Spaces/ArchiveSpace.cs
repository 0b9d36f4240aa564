using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Spaces;

/// <summary>Cohorts closed the cohort: its space becomes a read-only archive. Closed again: nothing.</summary>
public static class ArchiveSpaceHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static Task Handle(CohortClosed closed, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(closed.CohortId, space => Decide(space, closed), cancellationToken);

    public static IEnumerable<object> Decide(CohortSpace? space, CohortClosed closed)
    {
        if (space?.ArchivedAt is null)
        {
            yield return new SpaceArchived(closed.ClosedAt);
        }
    }
}
