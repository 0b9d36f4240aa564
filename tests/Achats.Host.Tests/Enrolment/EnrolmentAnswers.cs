namespace Achats.Host.Tests.Enrolment;

// What the Enrolment API answers, as far as the tests read it: each record names only the fields a test asserts.

/// <summary>What a pre-registration recorded, as a test reads it back: the public API itself answers only an acknowledgement.</summary>
public sealed record ReceiptAnswer(Guid EnrolmentId, string? Reference, string Status, string Eligibility, IReadOnlyList<string> EligibilityReasons);

/// <summary>What the public pre-registration answers, a new address or a known one alike.</summary>
public sealed record AcknowledgementAnswer(string Message);

public sealed record EnrolmentAnswer(
    Guid Id,
    Guid CohortId,
    ParticipantAnswer Participant,
    EnrolmentProjectAnswer? Project,
    string Status,
    string? StatusReason,
    int Version,
    EligibilityAnswer? Eligibility,
    OverrideAnswer? Override,
    string? EffectiveEligibility,
    Guid? PairedWith,
    Guid? Replaces,
    Guid? ReplacedBy,
    string? Reference = null,
    string? PrivacyNoticeVersion = null);

public sealed record ParticipantAnswer(string FirstName, string Email, string Profile);

public sealed record EnrolmentProjectAnswer(string Title, string Category, IReadOnlyList<string> Themes, DateOnly? ExpectedProcedureOn = null, string? Milestone = null);

public sealed record EligibilityAnswer(string Outcome, IReadOnlyList<string> Grounds);

public sealed record OverrideAnswer(string Reason);

/// <summary>What a staff decision on an enrolment answers: its new version.</summary>
public sealed record EnrolmentChangeAnswer(int Version);

/// <summary>One line of an enrolment's history, as auditors read it.</summary>
public sealed record TimelineEntryAnswer(string Event, string? Actor, string? Why, string At);

/// <summary>A pre-registration refused outside the registration window.</summary>
public sealed record RegistrationClosedAnswer(string Type, string Detail, DateOnly? RegistrationClosesOn);

/// <summary>A second pre-registration of one email in one cohort, naming the first.</summary>
public sealed record AlreadyPreRegisteredAnswer(string Type, string Detail, Guid ExistingEnrolmentId);

/// <summary>A partner's attestation of a membership, as the partner API lists it.</summary>
public sealed record AttestationAnswer(string Siren, string Membership, string Partner, string? WithdrawnAt);

/// <summary>What a replacement answers: the newcomer's enrolment.</summary>
public sealed record ReplacementAnswer(Guid EnrolmentId, string Reference);

/// <summary>One organisation seen by staff: its enrolments, pairs and shared projects.</summary>
public sealed record OrganisationAnswer(string? Commune, IReadOnlyList<OrganisationEnrolmentAnswer> Enrolments, IReadOnlyList<PairAnswer> Pairs, IReadOnlyList<SharedProjectAnswer> Projects);

public sealed record OrganisationEnrolmentAnswer(Guid Id);

public sealed record PairAnswer(Guid FirstEnrolmentId, Guid SecondEnrolmentId);

public sealed record SharedProjectAnswer(IReadOnlyList<Guid> EnrolmentIds);

/// <summary>A page of the staff list, with the count of each status whatever the status filter.</summary>
public sealed record EnrolmentListAnswer(int Total, IReadOnlyList<EnrolmentListItemAnswer> Items, IReadOnlyDictionary<string, int> Pipeline);

public sealed record EnrolmentListItemAnswer(Guid Id);

/// <summary>One page of the list, as the list's tests read it.</summary>
public sealed record EnrolmentPageAnswer(int Total, int Page, int PageSize, int PageCount, IReadOnlyList<EnrolmentRowAnswer> Items, IReadOnlyDictionary<string, int> Pipeline);

public sealed record EnrolmentRowAnswer(Guid Id, string Status, EnrolmentRowParticipantAnswer Participant, EnrolmentRowOrganisationAnswer Organisation);

public sealed record EnrolmentRowParticipantAnswer(string FirstName, string LastName);

public sealed record EnrolmentRowOrganisationAnswer(string Name);
