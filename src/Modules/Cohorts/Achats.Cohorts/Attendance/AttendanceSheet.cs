using Achats.Shared.Replay;

namespace Achats.Cohorts.Attendance;

/// <summary>Who was at one session: its own stream (the session's id), so a cohort's year of sheets does not weigh on the cohort.</summary>
[ReplayedAs("feuille d'émargement", "feuilles d'émargement")]
public sealed record AttendanceSheet(Guid Id, Guid CohortId, IReadOnlyList<AttendanceEntry> Entries)
{
    public int Version { get; set; }

    public static AttendanceSheet Create(AttendanceRecorded recorded) => new(recorded.SessionId, recorded.CohortId, recorded.Entries);

    public AttendanceSheet Apply(AttendanceRecorded recorded) => this with
    {
        Entries = Entries.Where(entry => recorded.Entries.All(changed => changed.EnrolmentId != entry.EnrolmentId))
            .Concat(recorded.Entries)
            .ToList(),
    };

    public Presence? Of(Guid enrolmentId) => Entries.FirstOrDefault(entry => entry.EnrolmentId == enrolmentId)?.Presence;
}

public sealed record AttendanceEntry(Guid EnrolmentId, Presence Presence);

public enum Presence
{
    Present,
    Absent,
    Excused,
}

/// <summary>Presences recorded or corrected, one participant or a whole sheet at a time: only what changed.</summary>
public sealed record AttendanceRecorded(Guid SessionId, Guid CohortId, IReadOnlyList<AttendanceEntry> Entries);

internal static class PresenceLabels
{
    public static string Of(Presence presence) => presence switch
    {
        Presence.Present => "Présent",
        Presence.Absent => "Absent",
        _ => "Excusé",
    };
}
