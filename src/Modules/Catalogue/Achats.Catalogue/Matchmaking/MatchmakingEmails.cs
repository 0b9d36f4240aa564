using Achats.Shared.Email;

namespace Achats.Catalogue.Matchmaking;

/// <summary>What the catalogue writes to invited suppliers: each email is a template in <c>Emails/</c>.</summary>
internal static class MatchmakingEmails
{
    public const string CalendarFileName = "mise-en-relation.ics";

    private static readonly EmailTemplate Invited = EmailTemplate.Of(typeof(MatchmakingEmails).Assembly, "matchmaking-invitation");
    private static readonly EmailTemplate Cancelled = EmailTemplate.Of(typeof(MatchmakingEmails).Assembly, "matchmaking-cancelled");

    /// <summary>The invitation: the session in Paris time, how and where, its calendar file, and the link to answer.</summary>
    public static SendEmail Invitation(MatchmakingSession session, Invitation invitation, string token, PublicSite site, DateTimeOffset now)
    {
        var values = Values(session, invitation);
        values["Modality"] = MatchmakingLabels.Modality(session.Details.Modality).ToLowerInvariant();
        values["Venue"] = session.Details.Venue;
        values["Link"] = session.Details.MeetingLink;
        values["CalendarFileName"] = CalendarFileName;
        values["AnswerUrl"] = site.Url(Matchmaking.InvitationPath(token));
        var calendar = CalendarFile.Attachment(CalendarFileName, session.Details.Title, now, [Event(session, cancelled: false)]);
        return Invited.Render(invitation.ContactEmail, invitation.ContactName, site, values, calendar);
    }

    /// <summary>The session is cancelled, for the reason Cohorts gave; the calendar file takes it out of the agenda.</summary>
    public static SendEmail Cancellation(MatchmakingSession session, Invitation invitation, string reason, PublicSite site, DateTimeOffset now)
    {
        var values = Values(session, invitation);
        values["Reason"] = reason;
        values["CalendarFileName"] = CalendarFileName;
        var calendar = CalendarFile.Attachment(CalendarFileName, session.Details.Title, now, [Event(session, cancelled: true)]);
        return Cancelled.Render(invitation.ContactEmail, invitation.ContactName, site, values, calendar);
    }

    private static Dictionary<string, object?> Values(MatchmakingSession session, Invitation invitation) => new()
    {
        ["ContactName"] = invitation.ContactName,
        ["SupplierName"] = invitation.SupplierName,
        ["SolutionTitle"] = invitation.SolutionTitle,
        ["SessionTitle"] = session.Details.Title,
        ["Day"] = MatchmakingLabels.Day(session.Details.StartsAt),
        ["Start"] = MatchmakingLabels.Time(session.Details.StartsAt),
        ["End"] = MatchmakingLabels.Time(session.Details.EndsAt),
    };

    /// <summary>The session in the supplier's agenda, with the UID Cohorts' files give it, so a later file updates it.</summary>
    private static CalendarEvent Event(MatchmakingSession session, bool cancelled) => new(
        session.SessionId,
        session.Details.Title,
        session.Details.StartsAt,
        session.Details.EndsAt,
        session.Details.Venue ?? session.Details.MeetingLink,
        session.Details.MeetingLink is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url) ? url : null,
        $"Mise en relation — {MatchmakingLabels.Modality(session.Details.Modality)}",
        cancelled);
}
