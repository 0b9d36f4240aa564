using JasperFx.Events;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;

namespace Achats.Enrolment.Tests.Decisions;

/// <summary>The "given events" of the decision tests: an enrolment folded from its events, as Marten folds it.</summary>
public static class Given
{
    public static readonly Guid CohortId = Guid.CreateVersion7();
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static Organisation Commune(string siren = "217500016") => new("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, siren, "93048");

    public static Organisation Company(string siren = "552081317") => new("Entreprise", OrganisationKind.PrivateCompany, siren, null);

    public static PreRegistrationSubmitted Submitted(Organisation? organisation = null, Membership[]? declared = null, Guid? id = null, Guid? cohortId = null, PurchasingProject? project = null) => new(
        id ?? Guid.CreateVersion7(),
        cohortId ?? CohortId,
        new Participant("Camille", "Durand", "camille@ville.test", null, "Acheteuse", Profile.PublicBuyer),
        organisation ?? Commune(),
        declared ?? [],
        project,
        Now,
        Replaces: null);

    public static EligibilityAssessed Assessed(PreRegistrationSubmitted submitted, params Membership[] attested) =>
        EligibilityAssessed.Decide(submitted.Organisation, submitted.DeclaredMemberships, attested, "Pré-inscription.");

    /// <summary>A pre-registration and its first assessment: free for a commune of the territory.</summary>
    public static Enrolments.EnrolmentFile PreRegistered(Organisation? organisation = null, Membership[]? declared = null, Guid? cohortId = null, PurchasingProject? project = null)
    {
        var submitted = Submitted(organisation, declared, cohortId: cohortId, project: project);
        return Events(submitted, Assessed(submitted));
    }

    public static Enrolments.EnrolmentFile Events(PreRegistrationSubmitted first, params object[] rest) =>
        Enrolments.EnrolmentFile.Create(first).Then(rest);

    public static Enrolments.EnrolmentFile Then(this Enrolments.EnrolmentFile enrolment, params object[] events) =>
        events.Aggregate(enrolment, Fold);

    /// <summary>One event onto the enrolment through its own typed <c>Apply</c>, as Marten folds the stream.</summary>
    private static Enrolments.EnrolmentFile Fold(Enrolments.EnrolmentFile enrolment, object next) => next switch
    {
        EligibilityAssessed assessed => enrolment.Apply(assessed),
        EligibilityOverridden overridden => enrolment.Apply(overridden),
        InformationRequested requested => enrolment.Apply(requested),
        PreRegistrationValidated validated => enrolment.Apply(new Event<PreRegistrationValidated>(validated) { Timestamp = DateTimeOffset.UnixEpoch }),
        PreRegistrationRejected rejected => enrolment.Apply(rejected),
        EnrolmentAdmitted admitted => enrolment.Apply(admitted),
        EnrolmentWithdrawn withdrawn => enrolment.Apply(withdrawn),
        ParticipantReplaced replaced => enrolment.Apply(replaced),
        PairDeclared declared => enrolment.Apply(declared),
        PairDissolved dissolved => enrolment.Apply(dissolved),
        PurchasingProjectJoined joined => enrolment.Apply(joined),
        InformationRequestAnswered answered => enrolment.Apply(new Event<InformationRequestAnswered>(answered) { Timestamp = DateTimeOffset.UnixEpoch }),
        ParticipantDetailsCorrected corrected => enrolment.Apply(corrected),
        OrganisationCorrected corrected => enrolment.Apply(corrected),
        PurchasingProjectUpdated updated => enrolment.Apply(updated),
        PairProposed proposed => enrolment.Apply(proposed),
        _ => throw new ArgumentException($"An enrolment does not apply {next.GetType().Name}: add it here when Enrolment.Apply learns it.", nameof(next)),
    };
}
