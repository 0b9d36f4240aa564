using Achats.Cohorts.Contracts;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.MyEnrolment;
using Achats.Shared.Http;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Decisions;

/// <summary>What participants decide from their own page: given events, when their command, then events (or a refusal). No database.</summary>
public sealed class ParticipantDecisionTests
{
    private static EnrolmentFile Asked() => Given.PreRegistered().Then(new InformationRequested("Quel est votre SIREN ?"));

    private static AnswerInformationRequest Answer(string? siren = null, string? jobTitle = null, string? commune = null) =>
        new(Guid.Empty, " Voici ma réponse. ", jobTitle, null, null, siren, commune);

    [Fact]
    public void An_answer_alone_is_recorded_with_the_question_and_sends_the_enrolment_back_to_staff()
    {
        var events = AnswerInformationRequestHandler.Decide(Asked(), Answer(), []);

        events.ShouldBe([new InformationRequestAnswered("Quel est votre SIREN ?", "Voici ma réponse.")]);
        var after = Asked().Then([.. events]);
        after.Status.ShouldBe(EnrolmentStatus.PreRegistered);
        after.StatusReason.ShouldBeNull();
        after.LastAnswer!.Answer.ShouldBe("Voici ma réponse.");
    }

    [Fact]
    public void Fields_given_as_they_were_are_no_correction()
    {
        var enrolment = Asked();

        AnswerInformationRequestHandler.Decide(enrolment, Answer(siren: enrolment.Organisation.Siren, jobTitle: "Acheteuse", commune: "93048"), [])
            .ShouldHaveSingleItem().ShouldBeOfType<InformationRequestAnswered>();
    }

    [Fact]
    public void A_corrected_commune_is_recorded_and_eligibility_assessed_again_on_it()
    {
        var events = AnswerInformationRequestHandler.Decide(Asked(), Answer(commune: "69123"), []);

        events[0].ShouldBe(new OrganisationCorrected("Ville de Montreuil", "217500016", "69123"));
        var assessed = events[1].ShouldBeOfType<EligibilityAssessed>();
        assessed.Evidence.CommuneInseeCode.ShouldBe("69123");
        assessed.Decision.Outcome.ShouldBe(EligibilityOutcome.MembershipRequired);
        assessed.Why.ShouldBe("Structure corrigée par le participant.");
        events[2].ShouldBeOfType<InformationRequestAnswered>();
    }

    [Fact]
    public void A_reassessment_counts_the_memberships_partners_attest_for_the_siren()
    {
        var asked = Given.PreRegistered(Given.Company(), [Membership.ObsAR]).Then(new InformationRequested("Votre commune ?"));

        var events = AnswerInformationRequestHandler.Decide(asked, Answer(commune: "75056"), [Membership.ObsAR]);

        events[1].ShouldBeOfType<EligibilityAssessed>().Decision.Outcome.ShouldBe(EligibilityOutcome.Free);
    }

    [Fact]
    public void A_corrected_job_title_is_recorded_apart_from_the_organisation()
    {
        var events = AnswerInformationRequestHandler.Decide(Asked(), Answer(jobTitle: "Directrice des achats"), []);

        events[0].ShouldBe(new ParticipantDetailsCorrected("Directrice des achats", null));
        Asked().Then([.. events]).Participant.JobTitle.ShouldBe("Directrice des achats");
    }

    [Fact]
    public void No_answer_is_taken_when_no_question_awaits_one()
    {
        Should.Throw<ConflictException>(() => AnswerInformationRequestHandler.Decide(Given.PreRegistered(), Answer(), []))
            .Message.ShouldContain("Aucune question de l'équipe n'attend de réponse");
    }

    [Fact]
    public void The_project_is_updated_under_its_id_and_an_unchanged_one_records_nothing()
    {
        var project = new PurchasingProject(Guid.CreateVersion7(), "Restauration", PurchaseCategory.Catering, [Theme.Circular]);
        var enrolment = Given.PreRegistered(project: project);
        var command = new UpdatePurchasingProject(enrolment.Id, " Mobilier ", PurchaseCategory.Furniture, [Theme.Solidarity, Theme.Circular]);

        var updated = UpdatePurchasingProjectHandler.Decide(enrolment, command, Guid.CreateVersion7()).ShouldHaveSingleItem().ShouldBeOfType<PurchasingProjectUpdated>();

        updated.Project.ShouldBe(project with { Title = "Mobilier", Category = PurchaseCategory.Furniture, Themes = updated.Project.Themes });
        updated.Project.Themes.ShouldBe([Theme.Circular, Theme.Solidarity]);
        UpdatePurchasingProjectHandler.Decide(enrolment.Then(updated), command, Guid.CreateVersion7()).ShouldBeEmpty();
    }

    [Fact]
    public void After_admission_the_project_changes_with_the_editions_team_not_here()
    {
        var admitted = Given.PreRegistered().Then(new PreRegistrationValidated(null),
            new EnrolmentAdmitted(Guid.CreateVersion7(), new string('f', 64), Given.Now));

        Should.Throw<ConflictException>(() => UpdatePurchasingProjectHandler.Decide(admitted,
            new UpdatePurchasingProject(admitted.Id, "Mobilier", PurchaseCategory.Furniture, [Theme.Circular]), Guid.CreateVersion7()))
            .Message.ShouldContain("suivi avec l'équipe de l'édition");
    }

    [Fact]
    public void A_binome_proposal_names_the_colleague_only_when_known_and_declaring_the_pair_ends_it()
    {
        var enrolment = Given.PreRegistered();
        var colleague = Guid.CreateVersion7();

        ProposePairHandler.Decide(enrolment, new ProposePair(enrolment.Id, " Dominique@Ville.test "), null)
            .ShouldBe([new PairProposed("dominique@ville.test", null)]);
        var proposed = ProposePairHandler.Decide(enrolment, new ProposePair(enrolment.Id, "dominique@ville.test"), colleague);
        var after = enrolment.Then([.. proposed]);
        after.PairProposal!.ColleagueEnrolmentId.ShouldBe(colleague);
        after.Then(new PairDeclared(colleague)).PairProposal.ShouldBeNull();
    }

    [Fact]
    public void One_cannot_propose_oneself_nor_propose_when_already_paired()
    {
        var enrolment = Given.PreRegistered();

        Should.Throw<RuleViolationException>(() => ProposePairHandler.Decide(enrolment, new ProposePair(enrolment.Id, "CAMILLE@ville.test"), null));
        Should.Throw<ConflictException>(() => ProposePairHandler.Decide(enrolment.Then(new PairDeclared(Guid.CreateVersion7())),
            new ProposePair(enrolment.Id, "dominique@ville.test"), null));
    }

    [Fact]
    public void A_sign_in_link_is_usable_for_30_minutes_once_and_an_address_gets_three_an_hour()
    {
        var (token, link) = SignInLink.Issue(" Camille@Ville.test ", Given.Now);

        link.Email.ShouldBe("camille@ville.test");
        link.TokenHash.ShouldBe(Achats.Shared.Access.SigningToken.HashOf(token));
        link.StateAt(Given.Now.AddMinutes(29)).ShouldBe(SignInLinkState.Usable);
        link.StateAt(Given.Now.AddMinutes(30)).ShouldBe(SignInLinkState.Expired);
        (link with { UsedAt = Given.Now }).StateAt(Given.Now.AddMinutes(1)).ShouldBe(SignInLinkState.Used);
        RequestSignInLinkHandler.MaySend([link, link], Given.Now).ShouldBeTrue();
        RequestSignInLinkHandler.MaySend([link, link, link], Given.Now.AddMinutes(59)).ShouldBeFalse();
        RequestSignInLinkHandler.MaySend([link, link, link], Given.Now.AddMinutes(60)).ShouldBeTrue();
    }
}
