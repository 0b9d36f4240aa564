using Achats.Cohorts.Contracts;
using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Spaces;

/// <summary>
/// A member left the roster (Cohorts), or their enrolment was withdrawn (Enrolment), whichever is heard first: they
/// leave the space at once, so their next request is refused; what they wrote stays. Heard before their arrival, the
/// departure is kept so that the late arrival does not let them in. Heard twice: nothing.
/// </summary>
public static class RemoveMemberHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static Task Handle(ParticipantLeftCohort left, IDocumentSession session, CancellationToken cancellationToken) =>
        session.KeepAsync(left.CohortId, space => Decide(space, left.EnrolmentId, left.Reason, left.LeftAt), cancellationToken);

    public static Task Handle(EnrolmentWithdrawn withdrawn, IDocumentSession session, CancellationToken cancellationToken) =>
        withdrawn.WasAdmitted
            ? session.KeepAsync(withdrawn.CohortId, space => Decide(space, withdrawn.EnrolmentId, withdrawn.Reason, withdrawn.WithdrawnAt), cancellationToken)
            : Task.CompletedTask; // never a member

    public static IEnumerable<object> Decide(CohortSpace? space, Guid enrolmentId, string reason, DateTimeOffset leftAt)
    {
        if (space?.Member(enrolmentId) is not { LeftAt: not null })
        {
            yield return new MemberLeft(enrolmentId, reason, leftAt);
        }
    }
}
