using Achats.Cohorts.Contracts;
using Achats.Charter.Contracts;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Enrolment.Memberships;
using Achats.Shared.Http;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Decisions;

/// <summary>Every rule of an enrolment's path: given events, when a command, then events (or a refusal). No database.</summary>
public sealed class EnrolmentDecisionTests
{
    private static readonly CharterSigned Signature = new(Guid.CreateVersion7(), Guid.CreateVersion7(), new string('f', 64), Given.Now);

    [Fact]
    public void Pre_registration_records_the_form_and_decides_eligibility_with_its_evidence()
    {
        var command = new SubmitPreRegistration(Given.CohortId,
            new ParticipantDetails(" Camille ", "Durand", "camille@ville.test ", " ", "Acheteuse", Profile.PublicBuyer),
            new OrganisationDetails("Entreprise", OrganisationKind.PrivateCompany, "552081317", ""),
            [Membership.ObsAR, Membership.Inec],
            new PreRegistrationProject("Mobilier de réemploi", PurchaseCategory.Furniture, [Theme.Solidarity, Theme.Circular, Theme.Circular],
                new DateOnly(2027, 3, 1), Milestone.ConsultationPublished),
            ConsentToDataProcessing: true, PromotesOwnSolution: false);
        var id = Guid.CreateVersion7();

        var (submitted, assessed) = SubmitPreRegistrationHandler.Decide(command, id, "ACH-2026-00042", [Membership.Inec], Given.Now);

        submitted.EnrolmentId.ShouldBe(id);
        submitted.Participant.FirstName.ShouldBe("Camille");
        submitted.Participant.Email.ShouldBe("camille@ville.test");
        submitted.Participant.Phone.ShouldBeNull();
        submitted.Organisation.CommuneInseeCode.ShouldBeNull();
        submitted.DeclaredMemberships.ShouldBe([Membership.Inec, Membership.ObsAR]);
        submitted.Project!.Themes.ShouldBe([Theme.Circular, Theme.Solidarity]);
        submitted.Project.ExpectedProcedureOn.ShouldBe(new DateOnly(2027, 3, 1));
        submitted.Project.Milestone.ShouldBe(Milestone.ConsultationPublished);
        submitted.Reference.ShouldBe("ACH-2026-00042");
        submitted.PrivacyNoticeVersion.ShouldBe(Achats.Enrolment.Privacy.PrivacyNotice.Version);
        submitted.SubmittedAt.ShouldBe(Given.Now);
        assessed.Decision.Outcome.ShouldBe(EligibilityOutcome.Free);
        assessed.Decision.Grounds.ShouldBe([FreeGround.Inec]);
        assessed.Evidence.Attested.ShouldBe([Membership.Inec]);
        assessed.Evidence.Declared.ShouldBe([Membership.Inec, Membership.ObsAR]);
        assessed.Why.ShouldBe("Pré-inscription.");
        assessed.Decision.RulesVersion.ShouldBe(EligibilityRules.Version);
    }

    [Theory]
    [InlineData("2026-11-01", true)]  // the first day
    [InlineData("2026-12-31", true)]  // the last day
    [InlineData("2026-10-31", false)] // not yet open
    [InlineData("2027-01-01", false)] // closed
    public void Pre_registration_is_open_within_the_registration_window_inclusive(string today, bool open)
    {
        var cohort = new Achats.Enrolment.OpenCohorts.OpenCohort(Given.CohortId, "Édition 2027",
            new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 11), new DateOnly(2027, 12, 17));

        var check = () => SubmitPreRegistrationHandler.EnsureRegistrationOpen(cohort, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        if (open)
        {
            check.ShouldNotThrow();
        }
        else
        {
            var refusal = check.ShouldThrow<RuleViolationException>();
            refusal.Rule.ShouldBe("registration-closed");
            refusal.Message.ShouldContain("du 1er novembre 2026 au 31 décembre 2026");
        }
    }

    [Fact]
    public void A_supplier_promoting_their_own_solution_is_refused_towards_the_catalogue()
    {
        var supplier = new SubmitPreRegistration(Given.CohortId, null, null, null, null, ConsentToDataProcessing: true, PromotesOwnSolution: true);

        var site = new Achats.Shared.Email.PublicSite("https://achats.example.org");

        var refusal = Should.Throw<RuleViolationException>(() => SubmitPreRegistrationHandler.EnsureBuyerNotSupplier(supplier, site));

        refusal.Rule.ShouldBe("supplier-not-participant");
        refusal.Message.ShouldContain("catalogue de solutions du programme : https://achats.example.org/catalogue/proposer.");
        refusal.Details["catalogueUrl"].ShouldBe("https://achats.example.org/catalogue/proposer");
        Should.NotThrow(() => SubmitPreRegistrationHandler.EnsureBuyerNotSupplier(supplier with { PromotesOwnSolution = false }, site));
    }

    [Theory]
    [InlineData(EnrolmentStatus.PreRegistered)]
    [InlineData(EnrolmentStatus.InformationRequested)]
    public void An_eligible_enrolment_under_study_is_validated_with_the_note(EnrolmentStatus status)
    {
        var enrolment = AtStatus(Given.PreRegistered(), status);

        var events = ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 3, " Dossier complet "));

        events.ShouldBe([new PreRegistrationValidated("Dossier complet")]);
    }

    [Fact]
    public void An_enrolment_not_free_is_refused_validation_as_not_eligible()
    {
        var enrolment = Given.PreRegistered(Given.Company(), [Membership.ObsAR]);

        var refusal = Should.Throw<RuleViolationException>(() => ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 2, null)));

        refusal.Rule.ShouldBe("not-eligible");
        refusal.Message.ShouldContain("en attente de l'attestation de l'ObsAR");
    }

    [Fact]
    public void An_enrolment_overridden_to_free_is_validated()
    {
        var enrolment = Given.PreRegistered(Given.Company()).Then(new EligibilityOverridden(true, "Adhésion en cours."));

        enrolment.Eligibility!.Outcome.ShouldBe(EligibilityOutcome.MembershipRequired);
        ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 3, null)).ShouldHaveSingleItem();
    }

    [Fact]
    public void An_override_to_not_free_refuses_validation_even_for_a_public_body_of_the_territory()
    {
        var enrolment = Given.PreRegistered().Then(new EligibilityOverridden(false, "Structure dissoute."));

        Should.Throw<RuleViolationException>(() => ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 3, null)));
    }

    [Theory]
    [InlineData(EnrolmentStatus.Validated)]
    [InlineData(EnrolmentStatus.Admitted)]
    [InlineData(EnrolmentStatus.Rejected)]
    [InlineData(EnrolmentStatus.Withdrawn)]
    public void An_enrolment_no_longer_under_study_cannot_be_validated_rejected_asked_or_overridden_409(EnrolmentStatus status)
    {
        var enrolment = AtStatus(Given.PreRegistered(), status);

        Should.Throw<ConflictException>(() => ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 9, null)));
        Should.Throw<ConflictException>(() => RejectPreRegistrationHandler.Decide(enrolment, new RejectPreRegistration(enrolment.Id, 9, "Non.")));
        Should.Throw<ConflictException>(() => RequestInformationHandler.Decide(enrolment, new RequestInformation(enrolment.Id, 9, "Quoi ?")));
        Should.Throw<ConflictException>(() => OverrideEligibilityHandler.Decide(enrolment, new OverrideEligibility(enrolment.Id, 9, true, "Oui.")));
    }

    [Fact]
    public void A_pre_registration_rejected_or_asked_for_information_keeps_the_reason_for_the_participant()
    {
        var enrolment = Given.PreRegistered();

        var rejected = RejectPreRegistrationHandler.Decide(enrolment, new RejectPreRegistration(enrolment.Id, 2, " Hors périmètre. "));
        var asked = RequestInformationHandler.Decide(enrolment, new RequestInformation(enrolment.Id, 2, "Quel service ?"));

        rejected.ShouldBe([new PreRegistrationRejected("Hors périmètre.")]);
        enrolment.Then([.. rejected]).StatusReason.ShouldBe("Hors périmètre.");
        asked.ShouldBe([new InformationRequested("Quel service ?")]);
        enrolment.Then([.. asked]).Status.ShouldBe(EnrolmentStatus.InformationRequested);
    }

    [Fact]
    public void A_validated_enrolment_is_admitted_once_when_the_charter_is_signed()
    {
        var validated = Given.PreRegistered().Then(new PreRegistrationValidated(null));

        var events = AdmitParticipantHandler.Decide(validated, Signature);

        events.ShouldBe([new EnrolmentAdmitted(Signature.CharterVersionId, Signature.CharterFingerprint, Signature.SignedAt)]);
        AdmitParticipantHandler.Decide(validated.Then([.. events]), Signature).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(EnrolmentStatus.PreRegistered)]
    [InlineData(EnrolmentStatus.Withdrawn)]
    [InlineData(EnrolmentStatus.Rejected)]
    public void A_signature_arriving_for_an_enrolment_not_validated_changes_nothing(EnrolmentStatus status) =>
        AdmitParticipantHandler.Decide(AtStatus(Given.PreRegistered(), status), Signature).ShouldBeEmpty();

    [Theory]
    [InlineData(EnrolmentStatus.PreRegistered)]
    [InlineData(EnrolmentStatus.InformationRequested)]
    [InlineData(EnrolmentStatus.Validated)]
    [InlineData(EnrolmentStatus.Admitted)]
    public void An_enrolment_at_any_open_stage_is_withdrawn_with_a_reason(EnrolmentStatus status)
    {
        var enrolment = AtStatus(Given.PreRegistered(), status);

        var events = WithdrawEnrolmentHandler.Decide(enrolment, new WithdrawEnrolment(enrolment.Id, 5, "Départ.", WithdrawalRequester.Participant));

        events.ShouldBe([new EnrolmentWithdrawn("Départ.", WithdrawalRequester.Participant)]);
        enrolment.Then([.. events]).IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void A_paired_enrolment_withdrawn_or_rejected_leaves_the_pair()
    {
        var colleague = Guid.CreateVersion7();
        var paired = Given.PreRegistered().Then(new PairDeclared(colleague));

        var withdrawn = WithdrawEnrolmentHandler.Decide(paired, new WithdrawEnrolment(paired.Id, 3, "Départ.", WithdrawalRequester.Staff));
        var rejected = RejectPreRegistrationHandler.Decide(paired, new RejectPreRegistration(paired.Id, 3, "Hors périmètre."));

        withdrawn.ShouldBe([new EnrolmentWithdrawn("Départ.", WithdrawalRequester.Staff), new PairDissolved(colleague, "Départ.")]);
        rejected.ShouldBe([new PreRegistrationRejected("Hors périmètre."), new PairDissolved(colleague, "Hors périmètre.")]);
        paired.Then([.. withdrawn]).PairedWith.ShouldBeNull();
    }

    [Fact]
    public void A_validation_refused_after_an_override_to_not_free_quotes_the_override()
    {
        var enrolment = Given.PreRegistered().Then(new EligibilityOverridden(false, "Structure dissoute."));

        Should.Throw<RuleViolationException>(() => ValidatePreRegistrationHandler.Decide(enrolment, new ValidatePreRegistration(enrolment.Id, 3, null)))
            .Message.ShouldContain("Structure dissoute.");
    }

    [Fact]
    public void A_membership_attested_from_a_later_date_does_not_count_yet()
    {
        var today = new DateOnly(2026, 11, 28);
        var attestation = new MembershipAttestation("Inec:552081317", Achats.Shared.Access.OrganisingStructure.Inec, Membership.Inec, "552081317",
            Since: today.AddDays(1), Until: null, Given.Now, WithdrawnAt: null);

        attestation.HoldsOn(today).ShouldBeFalse();
        attestation.HoldsOn(today.AddDays(1)).ShouldBeTrue();
        (attestation with { Until = today.AddDays(10) }).HoldsOn(today.AddDays(11)).ShouldBeFalse();
        (attestation with { WithdrawnAt = Given.Now }).HoldsOn(today.AddDays(2)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(EnrolmentStatus.Withdrawn)]
    [InlineData(EnrolmentStatus.Rejected)]
    public void A_closed_enrolment_cannot_be_withdrawn_409(EnrolmentStatus status)
    {
        var enrolment = AtStatus(Given.PreRegistered(), status);

        Should.Throw<ConflictException>(() => WithdrawEnrolmentHandler.Decide(enrolment, new WithdrawEnrolment(enrolment.Id, 5, "Encore.", WithdrawalRequester.Staff)));
    }

    [Fact]
    public void An_awaiting_enrolment_is_reassessed_free_saying_why_when_the_partner_attests()
    {
        var enrolment = Given.PreRegistered(Given.Company(), [Membership.LesCanauxBuyersCommunity]);
        enrolment.EffectiveEligibility.ShouldBe(EligibilityOutcome.AwaitingAttestation);

        var events = ReassessEligibilityHandler.Decide(enrolment, [Membership.LesCanauxBuyersCommunity], "Attestation des Canaux.");

        var assessed = events.ShouldHaveSingleItem().ShouldBeOfType<EligibilityAssessed>();
        assessed.Why.ShouldBe("Attestation des Canaux.");
        assessed.Decision.Grounds.ShouldBe([FreeGround.LesCanaux]);
        enrolment.Then([.. events]).EffectiveEligibility.ShouldBe(EligibilityOutcome.Free);
    }

    [Fact]
    public void A_free_enrolment_awaits_again_when_the_attestation_is_withdrawn_but_an_override_still_counts()
    {
        var submitted = Given.Submitted(Given.Company(), [Membership.Inec]);
        var enrolment = Given.Events(submitted, Given.Assessed(submitted, Membership.Inec));
        var overridden = enrolment.Then(new EligibilityOverridden(true, "Convention signée."));

        enrolment.Then([.. ReassessEligibilityHandler.Decide(enrolment, [], "Retrait.")]).EffectiveEligibility.ShouldBe(EligibilityOutcome.AwaitingAttestation);
        overridden.Then([.. ReassessEligibilityHandler.Decide(overridden, [], "Retrait.")]).EffectiveEligibility.ShouldBe(EligibilityOutcome.Free);
    }

    [Fact]
    public void A_closed_enrolment_keeps_its_decision_when_memberships_change() =>
        ReassessEligibilityHandler.Decide(AtStatus(Given.PreRegistered(), EnrolmentStatus.Withdrawn), [Membership.Inec], "Attestation.").ShouldBeEmpty();

    [Fact]
    public void Two_colleagues_of_one_organisation_in_one_cohort_paired_each_name_the_other()
    {
        var one = Given.PreRegistered();
        var other = Given.PreRegistered();

        var (events, colleagueEvents) = DeclarePairHandler.Decide(one, other);

        events.ShouldBe([new PairDeclared(other.Id)]);
        colleagueEvents.ShouldBe([new PairDeclared(one.Id)]);
    }

    [Fact]
    public void Pairs_refuse_strangers_other_cohorts_closed_enrolments_and_a_third_colleague()
    {
        var one = Given.PreRegistered();
        var other = Given.PreRegistered();
        var third = Given.PreRegistered();

        Should.Throw<RuleViolationException>(() => DeclarePairHandler.Decide(one, Given.PreRegistered(Given.Commune("356000000")))).Rule.ShouldBe("not-colleagues");
        Should.Throw<RuleViolationException>(() => DeclarePairHandler.Decide(one, Given.PreRegistered(cohortId: Guid.CreateVersion7()))).Rule.ShouldBe("not-colleagues");
        Should.Throw<RuleViolationException>(() => DeclarePairHandler.Decide(Given.PreRegistered(Given.Company() with { Siren = null }), Given.PreRegistered(Given.Company() with { Siren = null })));
        Should.Throw<ConflictException>(() => DeclarePairHandler.Decide(one, AtStatus(other, EnrolmentStatus.Withdrawn)));
        Should.Throw<ConflictException>(() => DeclarePairHandler.Decide(one.Then(new PairDeclared(other.Id)), third));
        Should.Throw<ConflictException>(() => DeclarePairHandler.Decide(one.Then(new PairDeclared(other.Id)), other.Then(new PairDeclared(one.Id))));
    }

    [Fact]
    public void A_participant_joining_a_colleague_s_project_shares_the_same_project()
    {
        var project = new PurchasingProject(Guid.CreateVersion7(), "Restauration scolaire", PurchaseCategory.Catering, [Theme.Circular]);
        var holder = Given.PreRegistered(project: project);
        var joiner = Given.PreRegistered();

        var events = JoinColleagueProjectHandler.Decide(joiner, holder);

        events.ShouldBe([new PurchasingProjectJoined(project, holder.Id)]);
        joiner.Then([.. events]).Project!.Id.ShouldBe(project.Id);
        Should.Throw<ConflictException>(() => JoinColleagueProjectHandler.Decide(joiner.Then([.. events]), holder));
        Should.Throw<RuleViolationException>(() => JoinColleagueProjectHandler.Decide(holder, joiner)).Rule.ShouldBe("no-project");
    }

    [Fact]
    public void A_validated_paired_participant_replaced_gives_the_newcomer_the_place_and_ends_the_old_history()
    {
        var colleague = Guid.CreateVersion7();
        var old = Given.PreRegistered(Given.Company(), [Membership.Inec])
            .Then(new EligibilityOverridden(true, "Adhésion en cours."), new PairDeclared(colleague), new PreRegistrationValidated(null));
        var newcomer = new ParticipantDetails("Sacha", "Martin", "sacha@entreprise.test", null, "Acheteur", Profile.PrivateBuyer);
        var newId = Guid.CreateVersion7();

        var decision = ReplaceParticipantHandler.Decide(old, new ReplaceParticipant(old.Id, 5, "Mutation.", newcomer), [], newId, "ACH-2026-00043", Given.Now);

        decision.OldEvents[0].ShouldBe(new ParticipantReplaced(newId, "Mutation."));
        decision.OldEvents[1].ShouldBeOfType<PairDissolved>().ColleagueEnrolmentId.ShouldBe(colleague);
        var started = decision.NewEvents.ToList();
        var submitted = started[0].ShouldBeOfType<PreRegistrationSubmitted>();
        submitted.Replaces.ShouldBe(old.Id);
        submitted.Organisation.ShouldBe(old.Organisation);
        submitted.Participant.Email.ShouldBe("sacha@entreprise.test");
        var replacement = Given.Events(submitted, [.. started.Skip(1)]);
        replacement.Status.ShouldBe(EnrolmentStatus.Validated);
        replacement.Eligibility!.Outcome.ShouldBe(EligibilityOutcome.AwaitingAttestation); // decided again: INEC has not attested
        replacement.EffectiveEligibility.ShouldBe(EligibilityOutcome.Free); // the override is carried over
        replacement.PairedWith.ShouldBe(colleague);
        old.Then([.. decision.OldEvents]).ReplacedBy.ShouldBe(newId);
        old.Then([.. decision.OldEvents]).PairedWith.ShouldBeNull();
    }

    [Fact]
    public void A_pre_registered_participant_replaced_gives_a_newcomer_pre_registered_too()
    {
        var old = Given.PreRegistered();
        var newcomer = new ParticipantDetails("Sacha", "Martin", "sacha@ville.test", null, "Élu", Profile.ElectedOfficial);

        var decision = ReplaceParticipantHandler.Decide(old, new ReplaceParticipant(old.Id, 2, "Élections.", newcomer), [], Guid.CreateVersion7(), "ACH-2026-00044", Given.Now);

        decision.NewEvents.OfType<PreRegistrationValidated>().ShouldBeEmpty();
        Should.Throw<ConflictException>(() => ReplaceParticipantHandler.Decide(
            AtStatus(old, EnrolmentStatus.Rejected), new ReplaceParticipant(old.Id, 3, "Non.", newcomer), [], Guid.CreateVersion7(), "ACH-2026-00045", Given.Now));
    }

    /// <summary>The enrolment brought to <paramref name="status"/> by the events that lead there.</summary>
    private static Enrolments.EnrolmentFile AtStatus(Enrolments.EnrolmentFile enrolment, EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.PreRegistered => enrolment,
        EnrolmentStatus.InformationRequested => enrolment.Then(new InformationRequested("Précisez.")),
        EnrolmentStatus.Validated => enrolment.Then(new PreRegistrationValidated(null)),
        EnrolmentStatus.Admitted => enrolment.Then(new PreRegistrationValidated(null), new EnrolmentAdmitted(Guid.CreateVersion7(), "f", Given.Now)),
        EnrolmentStatus.Rejected => enrolment.Then(new PreRegistrationRejected("Non.")),
        _ => enrolment.Then(new EnrolmentWithdrawn("Départ.", WithdrawalRequester.Staff)),
    };
}
