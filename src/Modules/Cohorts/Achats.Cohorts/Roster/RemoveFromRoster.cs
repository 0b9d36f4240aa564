using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Cohorts.Roster;

/// <summary>
/// Enrolment withdrew an admitted participant: they leave the roster (their attendance stays on record),
/// their binôme works alone, and a replacing colleague carries their projects on.
/// </summary>
public static class RemoveFromRosterHandler
{
    /// <summary>
    /// The admission may still wait in its own queue: wait for it rather than lose the withdrawal. A change to the
    /// binôme or a project committed meanwhile: run again on fresh state.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        chain.RetryOnConcurrentAppend();
        chain.WaitForEarlierMessages();
    }

    public static async Task<ParticipantLeftCohort?> Handle(EnrolmentWithdrawn withdrawn, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (!withdrawn.WasAdmitted)
        {
            return null; // never on the roster
        }

        var member = await session.LoadAsync<RosterMember>(withdrawn.EnrolmentId, cancellationToken)
            ?? throw new AdmissionNotYetHeard(withdrawn.EnrolmentId);
        if (!member.IsMember)
        {
            return null; // gone already (a redelivery)
        }

        session.Store(member with { LeftAt = withdrawn.WithdrawnAt, LeftReason = withdrawn.Reason });
        if (member.PairedWith is { } partnerId && await session.LoadAsync<RosterMember>(partnerId, cancellationToken) is { } partner)
        {
            session.Store(partner with { PairedWith = null });
        }

        if (withdrawn.ReplacedByEnrolmentId is { } replacement)
        {
            var projectIds = await session.Query<PurchasingProject>().Where(project => project.Owners.Contains(member.Id))
                .Select(project => project.Id).ToListAsync(cancellationToken);
            foreach (var projectId in projectIds)
            {
                var stream = await session.Events.FetchForWriting<PurchasingProject>(projectId, cancellationToken);
                stream.AppendOne(new ProjectHandedOver(member.Id, replacement));
            }
        }

        return new ParticipantLeftCohort(member.CohortId, member.Id, withdrawn.Reason, withdrawn.ReplacedByEnrolmentId, withdrawn.WithdrawnAt);
    }
}

/// <summary>A withdrawal of an admitted participant arrived before their admission did.</summary>
public sealed class AdmissionNotYetHeard(Guid enrolmentId) : EarlierMessageNotYetHandled($"Enrolment {enrolmentId} was withdrawn after admission, but its admission has not reached the roster yet.");
