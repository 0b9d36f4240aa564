using System.Text;
using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Achats.Shared.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Sessions;

/// <summary>
/// The programme as calendar files staff add to their agenda: one session (<c>/programme/seances/{id}.ics</c>) or
/// the whole programme (<c>/programme.ics</c>), written by the one calendar writer (<see cref="CalendarFile"/>).
/// </summary>
public static class ProgrammeCalendar
{
    public static string Write(CohortView cohort, IEnumerable<SessionView> sessions, Uri site, DateTimeOffset now) =>
        CalendarFile.Write($"{ProgrammeTexts.Title} — {cohort.Name}", now, sessions.Select(session => Event(cohort, session, site)));

    private static CalendarEvent Event(CohortView cohort, SessionView session, Uri site) => new(
        session.Id,
        session.Title,
        session.StartsAt,
        session.EndsAt,
        session.Venue ?? session.MeetingLink,
        new Uri(site, $"/programme/seances/{session.Id}?edition={cohort.Id}"),
        Description(cohort, cohort.Sequences.First(sequence => sequence.Sessions.Contains(session)), session),
        Cancelled: session.CancellationReason is not null);

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
        Results.File(Encoding.UTF8.GetBytes(calendar), CalendarFile.MediaType, fileName);
}
