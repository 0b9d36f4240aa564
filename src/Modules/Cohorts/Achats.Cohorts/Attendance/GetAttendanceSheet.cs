using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Roster;
using Achats.Cohorts.Sessions;
using Marten;

namespace Achats.Cohorts.Attendance;

/// <summary>
/// One session's attendance sheet as staff take it: the session, whether marks may be recorded now (and why not),
/// and the roster as it stood when the session began, by name, each with their current mark.
/// </summary>
public sealed record GetAttendanceSheet(Guid CohortId, Guid SessionId);

public sealed record AttendanceSheetView(
    Guid CohortId,
    Guid SessionId,
    string Title,
    SessionKind Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? CancellationReason,
    bool HasBegun,
    bool CohortClosed,
    IReadOnlyList<AttendanceSheetRow> Rows,
    int Version)
{
    /// <summary>Marks may be recorded: the session has begun, is not cancelled, and the cohort is not closed.</summary>
    public bool IsOpen => HasBegun && CancellationReason is null && !CohortClosed;
}

/// <summary>One person expected at the session, and how they were marked (null: not yet).</summary>
public sealed record AttendanceSheetRow(Guid EnrolmentId, string Name, string OrganisationName, Presence? Presence);

public static class GetAttendanceSheetHandler
{
    public static async Task<AttendanceSheetView> Handle(
        GetAttendanceSheet query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var cohort = await session.LoadCohortAsync(query.CohortId, cancellationToken);
        var held = cohort.Session(query.SessionId);
        var roster = await session.RosterOfAsync(query.CohortId, cancellationToken);
        var sheet = await session.LoadAsync<AttendanceSheet>(query.SessionId, cancellationToken);
        return View(cohort, held, roster, sheet, time.GetUtcNow());
    }

    /// <summary>
    /// Expected: who had joined before the session began and had not left before it; anyone already marked stays
    /// on the sheet, so that no recorded mark disappears from it.
    /// </summary>
    public static AttendanceSheetView View(Cohort cohort, Session held, IReadOnlyList<RosterMember> roster, AttendanceSheet? sheet, DateTimeOffset now)
    {
        var startsAt = held.Details.StartsAt;
        var rows = roster
            .Where(member => (member.JoinedAt <= startsAt && (member.LeftAt is null || member.LeftAt > startsAt)) || sheet?.Of(member.Id) is not null)
            .Select(member => new AttendanceSheetRow(member.Id, member.Name, member.OrganisationName, sheet?.Of(member.Id)))
            .ToList();
        return new AttendanceSheetView(cohort.Id, held.Id, held.Details.Title, held.Details.Kind, startsAt, held.Details.EndsAt,
            held.CancellationReason, now >= startsAt, cohort.Phase == CohortPhase.Closed, rows, sheet?.Version ?? 0);
    }
}
