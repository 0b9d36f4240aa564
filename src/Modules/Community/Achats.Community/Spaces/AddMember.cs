using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Spaces;

/// <summary>
/// A participant joined the cohort's roster: they become a member of its space (entering it once it is open). Known
/// already, or gone before their arrival was heard: nothing.
/// </summary>
public static class AddMemberHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static Task Handle(ParticipantJoinedCohort joined, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(joined.CohortId, space => Decide(space, joined), cancellationToken);

    public static IEnumerable<object> Decide(CohortSpace? space, ParticipantJoinedCohort joined)
    {
        if (space?.Member(joined.EnrolmentId) is null)
        {
            yield return new MemberJoined(joined.EnrolmentId, joined.FirstName, joined.LastName, joined.Email.Trim().ToLowerInvariant(),
                joined.OrganisationName, joined.JoinedAt);
        }
    }
}
