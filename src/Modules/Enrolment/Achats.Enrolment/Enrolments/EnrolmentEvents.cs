using Achats.Cohorts.Contracts;
using Achats.Enrolment.Eligibility;
using Achats.Shared.Privacy;

namespace Achats.Enrolment.Enrolments;

/// <summary>The participant's profile in the purchasing process (DOMAIN.md, "Who may take part").</summary>
public enum Profile
{
    Prescriber,
    PublicBuyer,
    PrivateBuyer,
    ElectedOfficial,
    CsrOfficer,
}

public enum EnrolmentStatus
{
    PreRegistered,
    InformationRequested,
    /// <summary>Validated by staff, waiting for the charter signature.</summary>
    Validated,
    Admitted,
    Rejected,
    Withdrawn,
}

/// <summary>Who asked for a withdrawal.</summary>
public enum WithdrawalRequester
{
    Participant,
    Staff,
}

public sealed record Participant(
    [PersonalData] string FirstName, [PersonalData] string LastName, [PersonalData] string Email, [PersonalData] string? Phone, string JobTitle, Profile Profile);

public sealed record Organisation(string Name, OrganisationKind Kind, string? Siren, string? CommuneInseeCode);

/// <summary>A purchasing project as named at pre-registration; its date and milestone when the participant gave them.</summary>
public sealed record PurchasingProject(
    Guid Id, string Title, PurchaseCategory Category, IReadOnlyList<Theme> Themes, DateOnly? ExpectedProcedureOn = null, Milestone? Milestone = null);

/// <summary>The facts an eligibility decision was made on, kept beside it as its evidence.</summary>
public sealed record EligibilityEvidence(
    OrganisationKind Kind,
    string? CommuneInseeCode,
    IReadOnlyList<Membership> Declared,
    IReadOnlyList<Membership> Attested);

/// <summary>
/// The first event of an enrolment: the participant's pre-registration, with their consent to the privacy notice of
/// <see cref="PrivacyNoticeVersion"/>, and its <see cref="Reference"/> (both absent from events older than them).
/// </summary>
public sealed record PreRegistrationSubmitted(
    Guid EnrolmentId,
    Guid CohortId,
    Participant Participant,
    Organisation Organisation,
    IReadOnlyList<Membership> DeclaredMemberships,
    PurchasingProject? Project,
    DateTimeOffset SubmittedAt,
    Guid? Replaces,
    string? Reference = null,
    string? PrivacyNoticeVersion = null);

/// <summary>Eligibility for free participation decided (or decided again), with why it was (re)assessed.</summary>
public sealed record EligibilityAssessed(EligibilityDecision Decision, EligibilityEvidence Evidence, string Why)
{
    /// <summary>The one way eligibility is decided: at pre-registration and at every re-assessment.</summary>
    public static EligibilityAssessed Decide(
        Organisation organisation, IReadOnlyList<Membership> declared, IReadOnlyList<Membership> attested, string why) => new(
        EligibilityRules.Decide(new EligibilityFacts(organisation.Kind, organisation.CommuneInseeCode, declared.ToHashSet(), attested.ToHashSet())),
        new EligibilityEvidence(organisation.Kind, organisation.CommuneInseeCode, declared, attested),
        why);
}

/// <summary>Staff set the eligibility by hand, with their written reason.</summary>
public sealed record EligibilityOverridden(bool Free, string Reason);

public sealed record InformationRequested(string Question);

public sealed record PreRegistrationValidated(string? Note);

public sealed record PreRegistrationRejected(string Reason);

/// <summary>Charter reported the signature: the participant is in the cohort.</summary>
public sealed record EnrolmentAdmitted(Guid CharterVersionId, string CharterFingerprint, DateTimeOffset SignedAt);

public sealed record EnrolmentWithdrawn(string Reason, WithdrawalRequester RequestedBy);

/// <summary>The enrolment ends because a colleague takes this participant's place (both histories stay).</summary>
public sealed record ParticipantReplaced(Guid ReplacementEnrolmentId, string Reason);

public sealed record PairDeclared(Guid ColleagueEnrolmentId);

public sealed record PairDissolved(Guid ColleagueEnrolmentId, string Reason);

/// <summary>The participant works on a colleague's purchasing project (one organisation, several projects).</summary>
public sealed record PurchasingProjectJoined(PurchasingProject Project, Guid ColleagueEnrolmentId);
