using Achats.Enrolment.Eligibility;
using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Email;

namespace Achats.Enrolment.Enrolments;

/// <summary>What a person who pre-registers is told by email: their pre-registration received, or that they already had one.</summary>
internal static class PreRegistrationEmails
{
    /// <summary>Where a structure joins ObsAR or INEC to take part for free: the partners' public websites.</summary>
    public const string ObsArWebsite = "https://www.obsar.asso.fr/";

    public const string InecWebsite = "https://institut-economie-circulaire.fr/";

    public static SendEmail Received(PreRegistrationSubmitted submitted, EligibilityDecision eligibility, OpenCohort cohort, PublicSite site) =>
        EmailTemplate.Of(typeof(PreRegistrationEmails).Assembly, "pre-registration-received").Render(
            submitted.Participant.Email, submitted.Participant.Name(), site, new Dictionary<string, object?>
            {
                ["FirstName"] = submitted.Participant.FirstName,
                ["CohortName"] = cohort.Name,
                ["Reference"] = submitted.Reference,
                ["Free"] = eligibility.Outcome == EligibilityOutcome.Free,
                ["AwaitingAttestation"] = eligibility.Outcome == EligibilityOutcome.AwaitingAttestation,
                ["MembershipRequired"] = eligibility.Outcome == EligibilityOutcome.MembershipRequired,
                ["Reasons"] = string.Join("\n", eligibility.Reasons),
                ["ObsArUrl"] = ObsArWebsite,
                ["InecUrl"] = InecWebsite,
                ["ParticipantPageUrl"] = site.ParticipantPageUrl,
            });

    public static SendEmail AlreadyRegistered(Participant participant, OpenCohort cohort, string? reference, PublicSite site) =>
        EmailTemplate.Of(typeof(PreRegistrationEmails).Assembly, "already-registered").Render(
            participant.Email, participant.Name(), site, new Dictionary<string, object?>
            {
                ["FirstName"] = participant.FirstName,
                ["CohortName"] = cohort.Name,
                ["Reference"] = reference,
                ["ParticipantPageUrl"] = site.ParticipantPageUrl,
            });
}
