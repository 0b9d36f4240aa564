using System.Net;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>
/// What a participant does from their page (answer staff, describe their project, propose a binôme, withdraw) and what
/// they are written at staff's steps: each recorded with the participant as actor, each email's links followed.
/// </summary>
public sealed class ParticipantStepsTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _enrolments = new(app);
    private readonly ParticipantDriver _participant = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record Enrolled(HttpClient Staff, Guid CohortId, Guid EnrolmentId, string Email, string Siren);

    private async Task<Enrolled> PreRegisteredAsync(Guid? cohortId = null, string? siren = null)
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohort = cohortId ?? await _enrolments.OpenCohortAsync(staff);
        var email = $"camille.{Guid.CreateVersion7():N}@entreprise.test";
        siren ??= NewSiren();
        var receipt = await _enrolments.PreRegisterAsync(Form(cohort, siren, email));
        return new Enrolled(staff, cohort, receipt.EnrolmentId, email, siren);
    }

    private async Task<Enrolled> AskedForInformationAsync()
    {
        var enrolled = await PreRegisteredAsync();
        var (response, _) = await app.PostTrackedAsync(enrolled.Staff, $"{Enrolments}/{enrolled.EnrolmentId}/information-requests",
            new { version = await _enrolments.VersionAsync(enrolled.Staff, enrolled.EnrolmentId), question = "Quel est le SIREN exact de votre structure ?" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return enrolled;
    }

    private string AnswerPath(Guid enrolmentId) => $"{ParticipantDriver.Home}/{enrolmentId}/reponse";

    [Fact]
    public async Task Asked_for_information_the_participant_is_written_the_question_with_a_link_to_their_page()
    {
        var enrolled = await AskedForInformationAsync();

        var email = await app.LatestEmailToAsync(enrolled.Email, "besoin d'informations");
        email.Text.ShouldContain("Quel est le SIREN exact de votre structure ?");
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetAsync(email.LinkTo(ParticipantDriver.Home), Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ParticipantDriver.TextOf(page)).ShouldContain("Recevoir un lien de connexion");
    }

    [Fact]
    public async Task The_answer_and_a_corrected_SIREN_are_recorded_as_the_participant_the_enrolment_goes_back_to_staff_and_staff_are_written()
    {
        var enrolled = await AskedForInformationAsync();
        using var participant = await _participant.SignedInAsync(enrolled.Email);
        (await ParticipantDriver.PageAsync(participant, ParticipantDriver.Home)).ShouldContain("Quel est le SIREN exact de votre structure ?");
        var corrected = NewSiren();

        using var answered = await _participant.PostFormAsync(participant, AnswerPath(enrolled.EnrolmentId), "answer", new Dictionary<string, string>
        {
            ["answer"] = "Le bon SIREN est celui de notre maison mère.\nMerci.",
            ["jobTitle"] = "Responsable des achats",
            ["siren"] = corrected,
        });

        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ParticipantDriver.PageAsync(participant, ParticipantDriver.PathOf(answered.Headers.Location!))).ShouldContain("Votre réponse est envoyée à l'équipe du programme.");
        var events = await _participant.EventsAsync(enrolled.EnrolmentId);
        var recorded = events.Skip(3).ToList();
        recorded.Select(e => e.Data.GetType()).ShouldBe([typeof(ParticipantDetailsCorrected), typeof(OrganisationCorrected), typeof(EligibilityAssessed), typeof(InformationRequestAnswered)]);
        recorded.ShouldAllBe(e => e.UserName == Actor.ParticipantOf(enrolled.EnrolmentId).ToString());
        ((InformationRequestAnswered)recorded[^1].Data).Answer.ShouldBe("Le bon SIREN est celui de notre maison mère.\nMerci.");
        var enrolment = await _participant.EnrolmentAsync(enrolled.EnrolmentId);
        enrolment.Status.ShouldBe(EnrolmentStatus.PreRegistered);
        enrolment.Organisation.Siren.ShouldBe(corrected);
        enrolment.Participant.JobTitle.ShouldBe("Responsable des achats");
        enrolment.LastAnswer!.Question.ShouldBe("Quel est le SIREN exact de votre structure ?");

        var toTeam = await app.LatestEmailToAsync("equipe@achats-circulaires.localhost", "a répondu à votre demande d'informations");
        toTeam.Text.ShouldContain("Le bon SIREN est celui de notre maison mère.");
        toTeam.Text.ShouldContain("corrige aussi des informations déclarées");
        var staffPage = await enrolled.Staff.GetAsync(toTeam.LinkTo("/inscriptions/"), Cancellation);
        staffPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await ParticipantDriver.TextOf(staffPage);
        html.ShouldContain("Réponse de la personne inscrite");
        html.ShouldContain("Réponse du participant à la demande d'informations");
        (await ParticipantDriver.PageAsync(enrolled.Staff, $"/inscriptions?edition={enrolled.CohortId}")).ShouldContain("Pré-inscrite — réponse reçue");
    }

    [Theory]
    [InlineData("", "Écrivez votre réponse à l'équipe du programme.")]
    [InlineData("Réponse\0cachée", "un caractère invisible non autorisé")]
    [InlineData("Réponse\u0001cachée", "Ce texte contient un caractère invisible non autorisé")]
    [InlineData("long", "Votre réponse ne doit pas dépasser 4000 caractères.")]
    public async Task A_bad_answer_is_refused_in_French_and_nothing_is_written(string answer, string refusal)
    {
        var enrolled = await AskedForInformationAsync();
        using var participant = await _participant.SignedInAsync(enrolled.Email);
        var before = (await _participant.EventsAsync(enrolled.EnrolmentId)).Count;

        using var refused = await _participant.PostFormAsync(participant, AnswerPath(enrolled.EnrolmentId), "answer",
            new Dictionary<string, string> { ["answer"] = answer == "long" ? new string('a', 4001) : answer, ["siren"] = NewSiren() });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ParticipantDriver.TextOf(refused)).ShouldContain(refusal);
        (await _participant.EventsAsync(enrolled.EnrolmentId)).Count.ShouldBe(before);
        (await app.EmailsToAsync("equipe@achats-circulaires.localhost")).ShouldNotContain(email => email.Text.Contains(enrolled.Email));
    }

    [Fact]
    public async Task The_participant_describes_their_project_again_until_admission()
    {
        var enrolled = await PreRegisteredAsync();
        using var participant = await _participant.SignedInAsync(enrolled.Email);

        using var saved = await _participant.PostFormAsync(participant, $"{ParticipantDriver.Home}/{enrolled.EnrolmentId}/projet", "project",
            new Dictionary<string, string> { ["title"] = "Mobilier de réemploi", ["category"] = "Catering", ["themes"] = "Circular" });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var updated = (await _participant.EventsAsync(enrolled.EnrolmentId))[^1];
        updated.UserName.ShouldBe(Actor.ParticipantOf(enrolled.EnrolmentId).ToString());
        var project = ((PurchasingProjectUpdated)updated.Data).Project;
        project.Title.ShouldBe("Mobilier de réemploi");
        project.Themes.ShouldBe([Achats.Cohorts.Contracts.Theme.Circular]);
        (await ParticipantDriver.PageAsync(participant, ParticipantDriver.Home)).ShouldContain("Mobilier de réemploi");
    }

    [Fact]
    public async Task A_proposed_binome_is_answered_alike_known_or_not_and_staff_confirm_the_known_one()
    {
        var enrolled = await PreRegisteredAsync();
        var colleague = await PreRegisteredAsync(enrolled.CohortId, enrolled.Siren);
        using var participant = await _participant.SignedInAsync(enrolled.Email);
        var path = $"{ParticipantDriver.Home}/{enrolled.EnrolmentId}/binome";

        using var unknown = await _participant.PostFormAsync(participant, path, "pair",
            new Dictionary<string, string> { ["colleagueEmail"] = $"inconnu.{Guid.CreateVersion7():N}@entreprise.test" });
        using var known = await _participant.PostFormAsync(participant, path, "pair", new Dictionary<string, string> { ["colleagueEmail"] = colleague.Email });

        unknown.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        known.Headers.Location.ShouldBe(unknown.Headers.Location);
        var proposals = (await _participant.EventsAsync(enrolled.EnrolmentId)).Select(e => e.Data).OfType<PairProposed>().ToList();
        proposals.Select(p => p.ColleagueEnrolmentId).ShouldBe([null, colleague.EnrolmentId]);
        var staffPage = await ParticipantDriver.PageAsync(enrolled.Staff, $"/inscriptions/{enrolled.EnrolmentId}");
        staffPage.ShouldContain($"Binôme proposé par la personne inscrite : {colleague.Email}.");
        staffPage.ShouldMatch($"value=\"{colleague.EnrolmentId}\"[^>]*checked");

        var (declared, _) = await app.PostTrackedAsync(enrolled.Staff, $"{Enrolments}/{enrolled.EnrolmentId}/pair", new { colleagueEnrolmentId = colleague.EnrolmentId });

        declared.StatusCode.ShouldBe(HttpStatusCode.OK);
        var enrolment = await _participant.EnrolmentAsync(enrolled.EnrolmentId);
        enrolment.PairedWith.ShouldBe(colleague.EnrolmentId);
        enrolment.PairProposal.ShouldBeNull();
        (await ParticipantDriver.PageAsync(participant, ParticipantDriver.Home)).ShouldContain("Vous participez en binôme avec Camille Durand.");
    }

    [Fact]
    public async Task Withdrawing_asks_for_confirmation_then_withdraws_as_the_participant_and_says_so_by_email()
    {
        var enrolled = await PreRegisteredAsync();
        using var participant = await _participant.SignedInAsync(enrolled.Email);
        var path = $"{ParticipantDriver.Home}/{enrolled.EnrolmentId}/retrait";
        var before = (await _participant.EventsAsync(enrolled.EnrolmentId)).Count;

        using var asked = await _participant.PostFormAsync(participant, path, "reason", new Dictionary<string, string> { ["reason"] = "Changement de poste." });
        var confirmation = await ParticipantDriver.TextOf(asked);
        confirmation.ShouldContain("Êtes-vous sûr·e de vouloir vous retirer ?");
        (await _participant.EventsAsync(enrolled.EnrolmentId)).Count.ShouldBe(before);

        using var confirmed = await _participant.PostFormAsync(participant, path, "confirmation", new Dictionary<string, string> { ["reason"] = "Changement de poste." });

        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var withdrawn = (await _participant.EventsAsync(enrolled.EnrolmentId))[^1];
        withdrawn.Data.ShouldBe(new EnrolmentWithdrawn("Changement de poste.", WithdrawalRequester.Participant));
        withdrawn.UserName.ShouldBe(Actor.ParticipantOf(enrolled.EnrolmentId).ToString());
        var email = await app.LatestEmailToAsync(enrolled.Email, "est retirée");
        email.Text.ShouldContain("Comme vous l'avez demandé");
        email.Text.ShouldContain("Changement de poste.");
        (await participant.GetAsync(email.LinkTo(ParticipantDriver.Home), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_empty_withdrawal_reason_is_refused_before_the_confirmation()
    {
        var enrolled = await PreRegisteredAsync();
        using var participant = await _participant.SignedInAsync(enrolled.Email);

        using var refused = await _participant.PostFormAsync(participant, $"{ParticipantDriver.Home}/{enrolled.EnrolmentId}/retrait", "reason",
            new Dictionary<string, string> { ["reason"] = " " });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await ParticipantDriver.TextOf(refused);
        html.ShouldContain("Dites en quelques mots pourquoi vous vous retirez.");
        html.ShouldNotContain("Êtes-vous sûr·e");
    }

    [Fact]
    public async Task A_refusal_and_a_withdrawal_by_staff_are_written_to_the_participant_with_their_reason()
    {
        var rejected = await PreRegisteredAsync();
        var withdrawn = await PreRegisteredAsync();

        await app.PostTrackedAsync(rejected.Staff, $"{Enrolments}/{rejected.EnrolmentId}/rejection",
            new { version = await _enrolments.VersionAsync(rejected.Staff, rejected.EnrolmentId), reason = "Votre structure vend une solution." });
        await app.PostTrackedAsync(withdrawn.Staff, $"{Enrolments}/{withdrawn.EnrolmentId}/withdrawal",
            new { version = await _enrolments.VersionAsync(withdrawn.Staff, withdrawn.EnrolmentId), reason = "Absences répétées.", requestedBy = "Staff" });

        var refusal = await app.LatestEmailToAsync(rejected.Email, "n'est pas retenue");
        refusal.Text.ShouldContain("Votre structure vend une solution.");
        var withdrawal = await app.LatestEmailToAsync(withdrawn.Email, "est retirée");
        withdrawal.Text.ShouldContain("L'équipe du programme a retiré votre inscription");
        withdrawal.Text.ShouldContain("Absences répétées.");
        using var browser = app.CreateBrowserClient();
        foreach (var email in new[] { refusal, withdrawal })
        {
            (await browser.GetAsync(email.LinkTo(ParticipantDriver.Home), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
