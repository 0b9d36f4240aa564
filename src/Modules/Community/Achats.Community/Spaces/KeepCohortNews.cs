using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Spaces;

/// <summary>
/// What the space shows of the cohort, kept from Cohorts' messages: its sessions (scheduled, changed, cancelled), its
/// published working groups (a channel each) and its LinkedIn group. A copy of what the space has already: nothing.
/// </summary>
public static class KeepCohortNewsHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static Task Handle(SessionScheduled scheduled, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(scheduled.CohortId, space => Decide(space, scheduled), cancellationToken);

    public static Task Handle(SessionCancelled cancelled, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(cancelled.CohortId, space => Decide(space, cancelled), cancellationToken);

    public static Task Handle(WorkingGroupsPublished published, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(published.CohortId, space => Decide(space, published), cancellationToken);

    public static Task Handle(CohortLinkedInGroupChanged changed, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(changed.CohortId, space => Decide(space, changed), cancellationToken);

    public static IEnumerable<object> Decide(CohortSpace? space, SessionScheduled scheduled)
    {
        var kept = new SpaceSession(scheduled.SessionId, scheduled.Title, scheduled.Kind, scheduled.StartsAt, scheduled.EndsAt,
            scheduled.Modality, scheduled.MeetingLink, scheduled.Venue);
        var known = space?.Sessions.FirstOrDefault(session => session.SessionId == scheduled.SessionId);
        if (known is null || (!known.IsCancelled && known != kept))
        {
            yield return new SessionKept(kept);
        }
    }

    public static IEnumerable<object> Decide(CohortSpace? space, SessionCancelled cancelled)
    {
        if (space?.Sessions.FirstOrDefault(session => session.SessionId == cancelled.SessionId) is { IsCancelled: false })
        {
            yield return new SessionCancellationKept(cancelled.SessionId, cancelled.Reason);
        }
    }

    public static IEnumerable<object> Decide(CohortSpace? space, WorkingGroupsPublished published)
    {
        var groups = published.Groups.Select(group => new SpaceGroup(group.GroupId, group.Name, group.Category, group.MemberEnrolmentIds)).ToList();
        if (space is null || !space.Groups.SequenceEqual(groups, SpaceGroupComparer.Instance))
        {
            yield return new WorkingGroupsKept(groups);
        }
    }

    public static IEnumerable<object> Decide(CohortSpace? space, CohortLinkedInGroupChanged changed)
    {
        if (changed.Version > (space?.LinkedInGroupVersion ?? 0))
        {
            yield return new LinkedInGroupKept(changed.Url, changed.Version);
        }
    }

    private sealed class SpaceGroupComparer : IEqualityComparer<SpaceGroup>
    {
        public static readonly SpaceGroupComparer Instance = new();

        public bool Equals(SpaceGroup? x, SpaceGroup? y) =>
            x is not null && y is not null && x.GroupId == y.GroupId && x.Name == y.Name && x.Category == y.Category
            && x.MemberEnrolmentIds.SequenceEqual(y.MemberEnrolmentIds);

        public int GetHashCode(SpaceGroup obj) => obj.GroupId.GetHashCode();
    }
}
