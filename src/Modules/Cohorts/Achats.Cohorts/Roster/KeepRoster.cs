using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Cohorts.Roster;

/// <summary>
/// Enrolment admitted a participant: they join the whole cohort's roster, with their binôme when the
/// colleague is there too, and the purchasing project they named at pre-registration becomes one of the
/// cohort's projects. A redelivered admission changes nothing; an enrolment once withdrawn never comes back
/// (Enrolment closes it for good), so a late admission after its withdrawal changes nothing either.
/// </summary>
public static class AddToRosterHandler
{
    /// <summary>Two colleagues admitted at once both touch the pair and the shared project: the second runs again.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<ParticipantJoinedCohort?> Handle(EnrolmentAdmitted admitted, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<RosterMember>(admitted.EnrolmentId, cancellationToken) is not null)
        {
            return null;
        }

        // The binôme known at admission, whether or not the colleague is admitted yet; lists read only current members.
        var member = new RosterMember(admitted.EnrolmentId, admitted.CohortId, admitted.FirstName, admitted.LastName, admitted.Email,
            admitted.Profile, admitted.OrganisationName, admitted.OrganisationKind, admitted.Siren,
            RosterMember.SectorOf(admitted.OrganisationKind, admitted.Profile), admitted.AdmittedAt)
        {
            PairedWith = admitted.PairedWithEnrolmentId,
        };
        if (admitted.PairedWithEnrolmentId is { } partnerId
            && await session.LoadAsync<RosterMember>(partnerId, cancellationToken) is { IsMember: true } partner && partner.PairedWith != member.Id)
        {
            session.Store(partner with { PairedWith = member.Id });
        }

        session.Store(member);
        if (admitted.Project is { } project)
        {
            await RecordProjectAsync(session, admitted, project, cancellationToken);
        }

        return new ParticipantJoinedCohort(member.CohortId, member.Id, member.FirstName, member.LastName, member.Email,
            member.OrganisationName, member.JoinedAt);
    }

    /// <summary>The first colleague admitted on a project declares it; the next ones carry it with them.</summary>
    private static async Task RecordProjectAsync(IDocumentSession session, EnrolmentAdmitted admitted, AdmittedProject project, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<PurchasingProject>(project.ProjectId, cancellationToken);
        if (stream.Aggregate is { } existing)
        {
            if (!existing.Owners.Contains(admitted.EnrolmentId))
            {
                stream.AppendOne(new ProjectOwnerAdded(admitted.EnrolmentId));
            }

            return;
        }

        // A project named at pre-registration exists as a need: that is its milestone until staff say more.
        stream.AppendOne(new PurchasingProjectDeclared(project.ProjectId, admitted.CohortId, [admitted.EnrolmentId],
            new ProjectDetails(project.Title, Enum.Parse<PurchaseCategory>(project.Category), project.Themes.Select(Enum.Parse<Theme>).Order().ToList(),
                ExpectedProcedureOn: null, Milestone.NeedExpressed, Notes: null),
            NamedAtPreRegistration: true, admitted.AdmittedAt));
    }
}

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

/// <summary>
/// Staff paired or unpaired two colleagues after admission: the roster follows, for whichever of them is on it
/// (a colleague admitted later brings the pair with their admission).
/// </summary>
public static class FollowPairsHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static Task Handle(PairDeclared declared, IDocumentSession session, CancellationToken cancellationToken) =>
        PairAsync(session, declared.EnrolmentId, declared.ColleagueEnrolmentId, paired: true, cancellationToken);

    public static Task Handle(PairDissolved dissolved, IDocumentSession session, CancellationToken cancellationToken) =>
        PairAsync(session, dissolved.EnrolmentId, dissolved.ColleagueEnrolmentId, paired: false, cancellationToken);

    private static async Task PairAsync(IDocumentSession session, Guid one, Guid other, bool paired, CancellationToken cancellationToken)
    {
        foreach (var (member, colleague) in new[] { (one, other), (other, one) })
        {
            if (await session.LoadAsync<RosterMember>(member, cancellationToken) is { IsMember: true } onRoster)
            {
                var pairedWith = paired ? colleague : (onRoster.PairedWith == colleague ? null : onRoster.PairedWith);
                if (onRoster.PairedWith != pairedWith)
                {
                    session.Store(onRoster with { PairedWith = pairedWith });
                }
            }
        }
    }
}
