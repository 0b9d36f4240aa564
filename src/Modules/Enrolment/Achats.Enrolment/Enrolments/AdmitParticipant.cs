using Achats.Charter.Contracts;
using Achats.Shared.Messaging;
using Microsoft.Extensions.Logging;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// Charter reports a signature: a validated participant is admitted to the whole cohort, and Cohorts and
/// Community hear of it. A redelivered signature changes nothing.
/// </summary>
public static partial class AdmitParticipantHandler
{
    /// <summary>A staff action or a re-assessment may append to the same enrolment at that moment: try again on the fresh stream.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static (Events, Contracts.EnrolmentAdmitted?) Handle(
        CharterSigned signed, [WriteEnrolment] EnrolmentFile enrolment, ILogger<CharterSigned> logger)
    {
        var events = Decide(enrolment, signed);
        if (events.Count == 0)
        {
            if (enrolment.Status != EnrolmentStatus.Admitted)
            {
                LogIgnoredSignature(logger, enrolment.Id, enrolment.Status);
            }

            return ([], null);
        }

        var participant = enrolment.Participant;
        return ([.. events], new Contracts.EnrolmentAdmitted(enrolment.Id, enrolment.CohortId, participant.FirstName, participant.LastName,
            participant.Email, participant.Profile.ToString(), enrolment.Organisation.Name, enrolment.Organisation.Kind.ToString(),
            enrolment.Organisation.Siren, enrolment.PairedWith, signed.SignedAt,
            enrolment.Project is { } project
                ? new Contracts.AdmittedProject(project.Id, project.Title, project.Category.ToString(), project.Themes.Select(theme => theme.ToString()).ToList(),
                    project.ExpectedProcedureOn, project.Milestone?.ToString())
                : null));
    }

    /// <summary>Only a validated enrolment is admitted; any other (already admitted, withdrawn meanwhile) keeps its state.</summary>
    public static IReadOnlyList<object> Decide(EnrolmentFile enrolment, CharterSigned signed) =>
        enrolment.Status == EnrolmentStatus.Validated
            ? [new EnrolmentAdmitted(signed.CharterVersionId, signed.CharterFingerprint, signed.SignedAt)]
            : [];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charter signature for enrolment {EnrolmentId} ignored: the enrolment is {Status}")]
    private static partial void LogIgnoredSignature(ILogger logger, Guid enrolmentId, EnrolmentStatus status);
}
