using Achats.Shared.Privacy;

namespace Achats.Enrolment.Enrolments;

// What participants record themselves, from their own page (/mon-inscription), with the participant as actor.

/// <summary>The participant answered staff's request for information: the enrolment is back with staff (ADR 0045).</summary>
public sealed record InformationRequestAnswered(string Question, [PersonalData] string Answer);

/// <summary>The participant corrected what they declared of themselves, in an answer to staff.</summary>
public sealed record ParticipantDetailsCorrected(string JobTitle, [PersonalData] string? Phone);

/// <summary>The participant corrected their organisation, in an answer to staff; its eligibility is assessed again beside it.</summary>
public sealed record OrganisationCorrected(string Name, string? Siren, string? CommuneInseeCode);

/// <summary>The participant changed their purchasing project (kept apart from the project given at pre-registration).</summary>
public sealed record PurchasingProjectUpdated(PurchasingProject Project);

/// <summary>
/// The participant proposed a colleague as binôme, by email. Staff confirm it (<see cref="DeclarePair"/>); the colleague's
/// enrolment is named only when that address is pre-registered to the same cohort, which the participant is never told.
/// </summary>
public sealed record PairProposed([PersonalData] string ColleagueEmail, Guid? ColleagueEnrolmentId);
