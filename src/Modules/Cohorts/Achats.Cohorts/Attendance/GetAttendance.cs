using System.Globalization;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Cohorts.Attendance;

/// <summary>
/// The cohort's attendance: every session that has begun, every participant's marks, and their plenary
/// attendance rate. The charter commits participants to the plenaries: those below the threshold
/// (<c>Cohorts:PlenaryAttendanceThreshold</c>, 0.75 unless configured) are flagged for staff.
/// </summary>
public sealed record GetAttendance(Guid CohortId);

public sealed record AttendanceReport(
    Guid CohortId,
    double Threshold,
    IReadOnlyList<AttendedSession> Sessions,
    IReadOnlyList<ParticipantAttendance> Participants,
    int FlaggedCount);

public sealed record AttendedSession(Guid Id, string Title, SessionKind Kind, DateTimeOffset StartsAt);

/// <summary>One participant's marks, by session id (absent from the map: not recorded, or not in the cohort then).</summary>
public sealed record ParticipantAttendance(
    Guid EnrolmentId,
    string Name,
    string OrganisationName,
    bool IsMember,
    IReadOnlyDictionary<Guid, Presence> Marks,
    PlenaryAttendance Plenaries);

/// <summary>
/// Plenaries held while the participant was in the cohort: how many, and how they were marked. The rate is
/// present ÷ (present + absent): an excused absence does not count against it, an unrecorded one is not guessed.
/// </summary>
public sealed record PlenaryAttendance(int Held, int Present, int Absent, int Excused, int Unrecorded, double? Rate, bool BelowThreshold)
{
    public static PlenaryAttendance Of(RosterMember member, IEnumerable<Session> sessions, IReadOnlyDictionary<Guid, AttendanceSheet> sheets,
        DateTimeOffset now, double threshold)
    {
        var marks = sessions
            .Where(session => !session.IsCancelled && session.Details.Kind == SessionKind.Plenary && session.Details.EndsAt <= now
                && member.WasMemberDuring(session.Details.StartsAt, session.Details.EndsAt))
            .Select(session => sheets.GetValueOrDefault(session.Id)?.Of(member.Id))
            .ToList();
        var present = marks.Count(mark => mark == Presence.Present);
        var absent = marks.Count(mark => mark == Presence.Absent);
        double? rate = present + absent == 0 ? null : (double)present / (present + absent);
        return new(marks.Count, present, absent, marks.Count(mark => mark == Presence.Excused), marks.Count(mark => mark is null),
            rate, rate < threshold);
    }
}

public static class GetAttendanceHandler
{
    public static async Task<AttendanceReport> Handle(
        GetAttendance query, IQuerySession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var cohort = await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var roster = await session.RosterOfAsync(query.CohortId, cancellationToken);
        var sheets = (await session.Query<AttendanceSheet>().Where(sheet => sheet.CohortId == query.CohortId).ToListAsync(cancellationToken))
            .ToDictionary(sheet => sheet.Id);
        return Report(cohort, roster, sheets, time.GetUtcNow(), configuration.GetValue("Cohorts:PlenaryAttendanceThreshold", 0.75));
    }

    public static AttendanceReport Report(
        Cohort cohort, IReadOnlyList<RosterMember> roster, IReadOnlyDictionary<Guid, AttendanceSheet> sheets, DateTimeOffset now, double threshold)
    {
        var begun = cohort.HeldSessions.Where(session => session.Details.StartsAt <= now).ToList();
        var participants = roster
            .Where(member => member.IsMember || begun.Any(session => member.WasMemberDuring(session.Details.StartsAt, session.Details.EndsAt)))
            .Select(member => new ParticipantAttendance(member.Id, member.Name, member.OrganisationName, member.IsMember,
                begun.Select(session => (session.Id, Presence: sheets.GetValueOrDefault(session.Id)?.Of(member.Id)))
                    .Where(mark => mark.Presence is not null)
                    .ToDictionary(mark => mark.Id, mark => mark.Presence!.Value),
                PlenaryAttendance.Of(member, begun, sheets, now, threshold)))
            .ToList();
        return new AttendanceReport(cohort.Id, threshold,
            begun.Select(session => new AttendedSession(session.Id, session.Details.Title, session.Details.Kind, session.Details.StartsAt.InParis())).ToList(),
            participants, participants.Count(participant => participant.IsMember && participant.Plenaries.BelowThreshold));
    }
}

internal static class GetAttendanceEndpoints
{
    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder cohorts)
    {
        cohorts.MapGet("/cohorts/{cohortId:guid}/attendance", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<AttendanceReport>(new GetAttendance(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetAttendance))
            .WithSummary("Lire les présences d'une édition et les taux de présence aux plénières")
            .ProducesProblem(StatusCodes.Status404NotFound);

        cohorts.MapGet("/cohorts/{cohortId:guid}/attendance" + TableExport.Formats, async (Guid cohortId, string format, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var report = await bus.InvokeAsync<AttendanceReport>(new GetAttendance(cohortId), cancellationToken);
                return TableExport.Download(format, "presences", "Présences",
                    [
                        "Nom", "Structure",
                        .. report.Sessions.Select(session => $"{FrenchDates.Short(session.StartsAt)} {SessionLabels.Of(session.Kind)} : {session.Title}"),
                        "Plénières tenues", "Présent", "Absent", "Excusé", "Non relevé", "Taux de présence aux plénières", "Sous le seuil",
                    ],
                    report.Participants.Select(participant => (IReadOnlyList<string?>)
                    [
                        participant.Name, participant.OrganisationName,
                        .. report.Sessions.Select(session => participant.Marks.TryGetValue(session.Id, out var presence) ? PresenceLabels.Of(presence) : null),
                        Count(participant.Plenaries.Held), Count(participant.Plenaries.Present), Count(participant.Plenaries.Absent),
                        Count(participant.Plenaries.Excused), Count(participant.Plenaries.Unrecorded),
                        participant.Plenaries.Rate is { } rate ? rate.ToString("P0", CultureInfo.GetCultureInfo("fr-FR")) : null,
                        participant.Plenaries.BelowThreshold ? "Oui" : "Non",
                    ]));
            })
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName("ExportAttendance")
            .WithSummary("Exporter la feuille de présence de l'édition (CSV ou Excel)")
            .ProducesTable()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return cohorts;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
