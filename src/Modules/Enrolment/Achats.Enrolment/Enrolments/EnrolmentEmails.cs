using Achats.Enrolment.OpenCohorts;
using Achats.Shared.Email;
using Marten;
using Microsoft.Extensions.Configuration;

namespace Achats.Enrolment.Enrolments;

/// <summary>
/// What the participant is written at staff's steps (templates in <c>Emails/</c>), returned by the handler that decides
/// the step, so that it leaves through the outbox with the step's events, once.
/// </summary>
internal static class EnrolmentEmails
{
    public static async Task<SendEmail> InformationRequestedAsync(
        IQuerySession session, IConfiguration configuration, EnrolmentFile enrolment, string question, CancellationToken cancellationToken) =>
        await RenderAsync(session, configuration, enrolment, "information-requested", new() { ["Question"] = question }, cancellationToken);

    public static async Task<SendEmail> RejectedAsync(
        IQuerySession session, IConfiguration configuration, EnrolmentFile enrolment, string reason, CancellationToken cancellationToken) =>
        await RenderAsync(session, configuration, enrolment, "pre-registration-rejected", new() { ["Reason"] = reason }, cancellationToken);

    public static async Task<SendEmail> WithdrawnAsync(
        IQuerySession session, IConfiguration configuration, EnrolmentFile enrolment, string reason, WithdrawalRequester requestedBy,
        CancellationToken cancellationToken) =>
        await RenderAsync(session, configuration, enrolment, "enrolment-withdrawn",
            new() { ["Reason"] = reason, ["ByParticipant"] = requestedBy == WithdrawalRequester.Participant }, cancellationToken);

    private static async Task<SendEmail> RenderAsync(
        IQuerySession session, IConfiguration configuration, EnrolmentFile enrolment, string template, Dictionary<string, object?> values,
        CancellationToken cancellationToken)
    {
        var site = PublicSite.From(configuration);
        var cohort = await session.LoadAsync<OpenCohort>(enrolment.CohortId, cancellationToken);
        values["FirstName"] = enrolment.Participant.FirstName;
        values["CohortName"] = cohort?.Name ?? "";
        values["ParticipantPageUrl"] = site.ParticipantPageUrl;
        return EmailTemplate.Of(typeof(EnrolmentEmails).Assembly, template).Render(enrolment.Participant.Email, enrolment.Participant.Name(), site, values);
    }
}
