using System.Text;
using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Web;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Sessions;

/// <summary>
/// The programme as calendar files staff add to their agenda: one session (<c>/programme/seances/{id}.ics</c>) or
/// the whole programme (<c>/programme.ics</c>), cancelled sessions kept as cancelled so that agendas drop them.
/// Times are Paris wall-clock times with their zone (TZID=Europe/Paris and its VTIMEZONE), so they stay right
/// across the change to and from summer time.
/// </summary>
public static class ProgrammeCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The domain of every UID: the same whatever host served the file, so an agenda updates the event instead of doubling it.</summary>
    public const string UidDomain = "programme-achats.metropolegrandparis.fr";

    private const string Paris = "Europe/Paris";

    public static string Write(CohortView cohort, IEnumerable<SessionView> sessions, Uri site, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Programme Achats Circulaires et Solidaires//Achats//FR" };
        calendar.AddTimeZone(Paris);
        calendar.AddProperty("X-WR-CALNAME", $"{ProgrammeTexts.Title} — {cohort.Name}");
        calendar.AddProperty("X-WR-TIMEZONE", Paris);
        foreach (var session in sessions)
        {
            calendar.Events.Add(Event(cohort, session, site, now));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Event(CohortView cohort, SessionView session, Uri site, DateTimeOffset now)
    {
        var sequence = cohort.Sequences.First(sequence => sequence.Sessions.Contains(session));
        return new CalendarEvent
        {
            Uid = $"{session.Id}@{UidDomain}",
            Summary = session.Title,
            DtStart = new CalDateTime(session.StartsAt.DateTime, Paris),
            DtEnd = new CalDateTime(session.EndsAt.DateTime, Paris),
            DtStamp = new CalDateTime(now.UtcDateTime),
            Location = session.Venue ?? session.MeetingLink,
            Url = new Uri(site, $"/programme/seances/{session.Id}?edition={cohort.Id}"),
            Description = Description(cohort, sequence, session),
            Status = session.CancellationReason is null ? EventStatus.Confirmed : EventStatus.Cancelled,
        };
    }

    private static string Description(CohortView cohort, SequenceView sequence, SessionView session)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Agenda.Kind(session.Kind)} — {cohort.Name}");
        text.AppendLine(FrenchText.Say(ProgrammeTexts.InSequence, sequence.Title));
        text.AppendLine(Agenda.Modality(session.Modality));
        if (session.MeetingLink is { } link)
        {
            text.AppendLine(FrenchText.Say(ProgrammeTexts.JoinAt, link));
        }

        if (session.AudienceTag is { } audience)
        {
            text.AppendLine(FrenchText.Say(ProgrammeTexts.AudienceIs, audience));
        }

        if (session.Categories.Count > 0)
        {
            text.AppendLine(FrenchText.Say(ProgrammeTexts.CategoriesAre, Agenda.Categories(session.Categories)));
        }

        if (session.CancellationReason is { } reason)
        {
            text.AppendLine(FrenchText.Say(ProgrammeTexts.CancelledBecause, reason));
        }

        return text.ToString().TrimEnd();
    }

    public static IEndpointRouteBuilder MapProgrammeCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/programme.ics", async (HttpContext http, IMessageBus bus, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var cohort = await CohortAsync(http, bus, cancellationToken);
                var sessions = cohort.Sequences.SelectMany(sequence => sequence.Sessions).OrderBy(session => session.StartsAt);
                return File(Write(cohort, sessions, Site(http), time.GetUtcNow()), $"programme-{Agenda.FileName(cohort.Name)}.ics");
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .ExcludeFromDescription();
        app.MapGet("/programme/seances/{sessionId:guid}.ics", async (Guid sessionId, HttpContext http, IMessageBus bus, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var cohort = await CohortAsync(http, bus, cancellationToken);
                var session = cohort.Sequences.SelectMany(sequence => sequence.Sessions).FirstOrDefault(session => session.Id == sessionId)
                    ?? throw new NotFoundException(ProgrammeTexts.NoSuchSession);
                return File(Write(cohort, [session], Site(http), time.GetUtcNow()),
                    $"seance-{Agenda.FileName(session.Title)}-{session.StartsAt:yyyy-MM-dd}.ics");
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The cohort a link names (<c>?edition=</c>): a calendar file is always of one cohort, named.</summary>
    private static async Task<CohortView> CohortAsync(HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
        Guid.TryParse(http.Request.Query["edition"], out var cohortId) && cohortId != Guid.Empty
            ? await bus.InvokeAsync<CohortView>(new GetCohort(cohortId), cancellationToken)
            : throw new NotFoundException(CohortStreams.NotFound);

    private static Uri Site(HttpContext http) => new($"{http.Request.Scheme}://{http.Request.Host}");

    private static IResult File(string calendar, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(calendar), ContentType, fileName);
}
