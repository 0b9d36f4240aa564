using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Cohorts.Roster;
using Achats.Enrolment.Contracts;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// The roster as Enrolment's events build it, on real PostgreSQL, whatever order and however often the bus
/// delivers them: redeliveries change nothing, a withdrawal never loses to its admission.
/// </summary>
public sealed class RosterFromEnrolmentTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admission_delivered_twice_joins_once_and_its_project_is_declared_once()
    {
        var cohortId = await PlannedCohortAsync();
        var project = new AdmittedProject(Guid.CreateVersion7(), "Mobilier de réemploi", "Furniture", ["Solidarity", "Circular"]);
        var admitted = Admitted(cohortId, "Camille") with { Project = project };

        (await app.InvokeAsync<ParticipantJoinedCohort?>(admitted)).ShouldNotBeNull().EnrolmentId.ShouldBe(admitted.EnrolmentId);
        (await app.InvokeAsync<ParticipantJoinedCohort?>(admitted)).ShouldBeNull();

        await using var session = app.Store.QuerySession();
        (await session.Query<RosterMember>().CountAsync(member => member.CohortId == cohortId, Cancellation)).ShouldBe(1);
        var declared = await session.LoadAsync<PurchasingProject>(project.ProjectId, Cancellation);
        declared.ShouldNotBeNull().Owners.ShouldBe([admitted.EnrolmentId]);
        declared.Details.Themes.ShouldBe([Theme.Circular, Theme.Solidarity]);
        declared.Details.Milestone.ShouldBe(Milestone.NeedExpressed);
        declared.NamedAtPreRegistration.ShouldBeTrue();
    }

    [Fact]
    public async Task A_pair_is_linked_whichever_colleague_is_admitted_first_and_shares_their_project()
    {
        var cohortId = await PlannedCohortAsync();
        var project = new AdmittedProject(Guid.CreateVersion7(), "Restauration scolaire", "Catering", ["Circular"]);
        var camille = Admitted(cohortId, "Camille") with { Project = project };
        var dominique = Admitted(cohortId, "Dominique") with { PairedWithEnrolmentId = camille.EnrolmentId, Project = project };
        camille = camille with { PairedWithEnrolmentId = dominique.EnrolmentId };

        await app.InvokeAsync<ParticipantJoinedCohort?>(camille);
        await app.InvokeAsync<ParticipantJoinedCohort?>(dominique);

        await using var session = app.Store.QuerySession();
        (await session.LoadAsync<RosterMember>(camille.EnrolmentId, Cancellation))!.PairedWith.ShouldBe(dominique.EnrolmentId);
        (await session.LoadAsync<RosterMember>(dominique.EnrolmentId, Cancellation))!.PairedWith.ShouldBe(camille.EnrolmentId);
        (await session.LoadAsync<PurchasingProject>(project.ProjectId, Cancellation))!.Owners.ShouldBe([camille.EnrolmentId, dominique.EnrolmentId]);
    }

    [Fact]
    public async Task A_project_s_expected_procedure_date_and_milestone_given_at_pre_registration_are_declared_with_it()
    {
        var project = new AdmittedProject(Guid.CreateVersion7(), "Nettoyage des écoles", "Cleaning", ["Solidarity"], new DateOnly(2027, 6, 1), "ConsultationPublished");

        await app.InvokeAsync<ParticipantJoinedCohort?>(Admitted(await PlannedCohortAsync(), "Camille") with { Project = project });

        await using var session = app.Store.QuerySession();
        var declared = (await session.LoadAsync<PurchasingProject>(project.ProjectId, Cancellation)).ShouldNotBeNull();
        declared.Details.ExpectedProcedureOn.ShouldBe(new DateOnly(2027, 6, 1));
        declared.Details.Milestone.ShouldBe(Milestone.ConsultationPublished);
    }

    [Fact]
    public async Task A_withdrawal_arriving_before_its_admission_waits_for_it_and_a_late_admission_never_brings_anyone_back()
    {
        var cohortId = await PlannedCohortAsync();
        var admitted = Admitted(cohortId, "Claude");
        var withdrawn = new EnrolmentWithdrawn(admitted.EnrolmentId, cohortId, "Départ de l'entreprise", WasAdmitted: true, null, Now.AddDays(3));

        // Handled before the admission: it fails (and Wolverine retries it later), writing nothing.
        await Should.ThrowAsync<AdmissionNotYetHeard>(() => RemoveFromRosterAsync(withdrawn));

        await using (var session = app.Store.QuerySession())
        {
            (await session.LoadAsync<RosterMember>(admitted.EnrolmentId, Cancellation)).ShouldBeNull();
        }

        await app.InvokeAsync<ParticipantJoinedCohort?>(admitted);
        (await RemoveFromRosterAsync(withdrawn)).ShouldNotBeNull().Reason.ShouldBe("Départ de l'entreprise");
        (await RemoveFromRosterAsync(withdrawn)).ShouldBeNull(); // redelivered
        (await app.InvokeAsync<ParticipantJoinedCohort?>(admitted)).ShouldBeNull(); // a late redelivery of the admission

        await using var after = app.Store.QuerySession();
        var member = await after.LoadAsync<RosterMember>(admitted.EnrolmentId, Cancellation);
        member.ShouldNotBeNull().IsMember.ShouldBeFalse();
        member.LeftReason.ShouldBe("Départ de l'entreprise");
    }

    [Fact]
    public async Task A_withdrawal_before_admission_never_concerned_the_roster()
    {
        var withdrawn = new EnrolmentWithdrawn(Guid.CreateVersion7(), Guid.CreateVersion7(), "Doublon", WasAdmitted: false, null, Now);

        (await RemoveFromRosterAsync(withdrawn)).ShouldBeNull();
    }

    /// <summary>
    /// Cohorts' handler for a withdrawal, in its own transaction as Wolverine runs it (Charter handles the same
    /// message separately, so the bus cannot be asked to invoke "the" handler).
    /// </summary>
    private async Task<ParticipantLeftCohort?> RemoveFromRosterAsync(EnrolmentWithdrawn withdrawn)
    {
        await using var session = app.Store.LightweightSession();
        var left = await RemoveFromRosterHandler.Handle(withdrawn, session, Cancellation);
        await session.SaveChangesAsync(Cancellation);
        return left;
    }

    /// <summary>Enrolment admits only to a cohort Cohorts planned.</summary>
    private async Task<Guid> PlannedCohortAsync() =>
        (await app.InvokeAsync<Cohort>(new PlanCohort($"Édition {Guid.CreateVersion7():N}", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 14)))).Id;

    private static EnrolmentAdmitted Admitted(Guid cohortId, string firstName) => new(
        Guid.CreateVersion7(), cohortId, firstName, "Durand", $"{firstName.ToLowerInvariant()}@ville.test", "PublicBuyer", "Ville de Montreuil",
        "CommuneEptOrMetropole", null, null, Now);
}
