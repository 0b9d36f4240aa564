using System.Globalization;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Sessions;
using Achats.Shared.Email;
using Achats.Shared.Time;

namespace Achats.Cohorts.Roster;

/// <summary>
/// The welcome a participant receives on joining the roster (<c>Emails/welcome.txt</c>): the cohort, its next sessions
/// in Paris time with a calendar file of them, its LinkedIn group when staff gave one, and when the participants' space
/// opens. Cohorts writes it because Cohorts alone knows the sessions and the group at that moment (ADR 0047).
/// </summary>
internal static class Welcome
{
    /// <summary>The next sessions a welcome names.</summary>
    public const int SessionsShown = 3;

    public const string CalendarFileName = "premieres-seances.ics";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly EmailTemplate Template = EmailTemplate.Of(typeof(Welcome).Assembly, "welcome");

    public static SendEmail Email(RosterMember member, Cohort cohort, PublicSite site, DateTimeOffset now)
    {
        var sessions = cohort.HeldSessions.Where(session => session.Details.StartsAt > now).Take(SessionsShown).ToList();
        var values = new Dictionary<string, object?>
        {
            ["FirstName"] = member.FirstName,
            ["CohortName"] = cohort.Name,
            ["StartsOn"] = FrenchDates.Long(cohort.StartsOn),
            ["EndsOn"] = FrenchDates.Long(cohort.EndsOn),
            ["HasSessions"] = sessions.Count > 0,
            ["Sessions"] = sessions.Select(session => Values(session.Details)).ToList(),
            ["CalendarFileName"] = CalendarFileName,
            ["LinkedInGroup"] = cohort.LinkedInGroup,
            ["Launched"] = cohort.Phase != CohortPhase.Planned,
            ["ParticipantPageUrl"] = site.ParticipantPageUrl,
        };
        EmailAttachment[] calendar = sessions.Count == 0 ? [] : [CalendarFile.Attachment(CalendarFileName, cohort.Name, now, sessions.Select(session => Event(cohort, session)))];
        return Template.Render(member.Email, member.Name, site, values, calendar);
    }

    private static IReadOnlyDictionary<string, object?> Values(SessionDetails details) => new Dictionary<string, object?>
    {
        ["Title"] = details.Title,
        ["Day"] = Day(details.StartsAt),
        ["Start"] = Time(details.StartsAt),
        ["End"] = Time(details.EndsAt),
        ["Modality"] = SessionLabels.Of(details.Modality).ToLower(French),
        ["Venue"] = details.Venue,
        ["Link"] = details.MeetingLink,
    };

    /// <summary>One session in the participant's agenda, with the UID staff's files give it, so a later file about it updates it.</summary>
    private static CalendarEvent Event(Cohort cohort, Session session) => new(
        session.Id,
        session.Details.Title,
        session.Details.StartsAt,
        session.Details.EndsAt,
        session.Details.Venue ?? session.Details.MeetingLink,
        session.Details.MeetingLink is { } link ? new Uri(link) : null,
        $"{SessionLabels.Of(session.Details.Kind)} — {cohort.Name} — {SessionLabels.Of(session.Details.Modality)}");

    /// <summary>« jeudi 14 janvier 2027 », the day in Paris.</summary>
    private static string Day(DateTimeOffset instant) => $"{instant.InParis().ToString("dddd", French)} {FrenchDates.Long(instant)}";

    /// <summary>« 9 h 30 », Paris time.</summary>
    private static string Time(DateTimeOffset instant) => instant.InParis().ToString("H' h 'mm", CultureInfo.InvariantCulture);
}
