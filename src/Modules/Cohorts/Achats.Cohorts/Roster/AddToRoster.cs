using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Enrolment.Contracts;
using Achats.Shared.Email;
using Achats.Shared.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine.Runtime.Handlers;

namespace Achats.Cohorts.Roster;

/// <summary>
/// Enrolment admitted a participant: they join the whole cohort's roster, with their binôme when the
/// colleague is there too, and the purchasing project they named at pre-registration becomes one of the
/// cohort's projects. A redelivered admission changes nothing; an enrolment once withdrawn never comes back
/// (Enrolment closes it for good), so a late admission after its withdrawal changes nothing either.
/// The new member is welcomed by email from the same transaction (Wolverine's outbox): only a new member, so a
/// redelivered or replayed admission sends nothing twice.
/// </summary>
public static class AddToRosterHandler
{
    /// <summary>Two colleagues admitted at once both touch the pair and the shared project: the second runs again.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<(ParticipantJoinedCohort?, SendEmail?)> Handle(
        EnrolmentAdmitted admitted, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<RosterMember>(admitted.EnrolmentId, cancellationToken) is not null)
        {
            return (null, null);
        }

        // Enrolment admits only to a cohort Cohorts planned: none here is a fault to retry, not a welcome to skip.
        var cohort = await session.LoadAsync<Cohort>(admitted.CohortId, cancellationToken)
            ?? throw new InvalidOperationException($"An admission to the unknown cohort {admitted.CohortId}.");

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

        return (new ParticipantJoinedCohort(member.CohortId, member.Id, member.FirstName, member.LastName, member.Email,
                member.OrganisationName, member.JoinedAt),
            Welcome.Email(member, cohort, PublicSite.From(configuration), time.GetUtcNow()));
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

        // A project named at pre-registration without its milestone exists as a need, until staff say more.
        stream.AppendOne(new PurchasingProjectDeclared(project.ProjectId, admitted.CohortId, [admitted.EnrolmentId],
            new ProjectDetails(project.Title, Enum.Parse<PurchaseCategory>(project.Category), project.Themes.Select(Enum.Parse<Theme>).Order().ToList(),
                project.ExpectedProcedureOn, project.Milestone is { } milestone ? Enum.Parse<Milestone>(milestone) : Milestone.NeedExpressed, Notes: null),
            NamedAtPreRegistration: true, admitted.AdmittedAt));
    }
}
