using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Spaces;

/// <summary>
/// Cohorts launched the cohort: its space opens. Its members are those the roster announced (each admission arrives as
/// a <see cref="ParticipantJoinedCohort"/>, before or after the launch). Launched again (a redelivery): nothing.
/// </summary>
public static class OpenSpaceHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static Task Handle(CohortLaunched launched, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(launched.CohortId, space => Decide(space, launched), cancellationToken);

    public static IEnumerable<object> Decide(CohortSpace? space, CohortLaunched launched)
    {
        if (space?.OpenedAt is null)
        {
            yield return new SpaceOpened(launched.CohortId, launched.Name, launched.StartsOn, launched.EndsOn, launched.LaunchedAt);
        }
    }
}
