namespace Achats.Host.Tests.Cohorts;

// What the Cohorts API answers, as far as the tests read it: each record names only the fields a test asserts.

public sealed record CohortChangeAnswer(Guid CohortId, int Version, Guid? CreatedId);

public sealed record CohortAnswer(Guid Id, string Status, IReadOnlyList<SequenceAnswer> Sequences);

public sealed record SequenceAnswer(Guid Id, string Title, IReadOnlyList<SessionAnswer> Sessions);

/// <summary>A session; its times are kept as written, to check they are given in Paris.</summary>
public sealed record SessionAnswer(Guid Id, string Title, string StartsAt, string? CancellationReason);

public sealed record OpenCohortAnswer(Guid Id, DateOnly RegistrationClosesOn);

public sealed record RosterAnswer(int MemberCount, IReadOnlyList<RosterMemberAnswer> Members, IReadOnlyList<RosterMemberAnswer> FormerMembers)
{
    public RosterMemberAnswer Member(string firstName) => Members.Single(member => member.FirstName == firstName);
}

public sealed record RosterMemberAnswer(Guid Id, string FirstName, string Sector, Guid? PairedWith, string? LeftReason);

public sealed record ProjectsAnswer(IReadOnlyList<ProjectAnswer> Projects, ProjectReportAnswer Report);

public sealed record ProjectAnswer(Guid Id);

public sealed record ProjectReportAnswer(int Total, IReadOnlyList<ReportLineAnswer> ByCategory, IReadOnlyList<ReportLineAnswer> ByTheme, IReadOnlyList<ReportLineAnswer> ByMilestone);

public sealed record ReportLineAnswer(string Key, int Count);

public sealed record ProjectChangeAnswer(Guid ProjectId, int Version);

public sealed record AttendanceChangeAnswer(Guid SessionId, int Version, int Changed);

public sealed record AttendanceAnswer(IReadOnlyList<ParticipantAttendanceAnswer> Participants, int FlaggedCount)
{
    public PlenariesAnswer Of(Guid enrolmentId) => Participants.Single(participant => participant.EnrolmentId == enrolmentId).Plenaries;
}

public sealed record ParticipantAttendanceAnswer(Guid EnrolmentId, PlenariesAnswer Plenaries);

public sealed record PlenariesAnswer(int Held, int Present, int Absent, int Excused, double? Rate, bool BelowThreshold);

public sealed record WorkingGroupsAnswer(IReadOnlyList<WorkingGroupAnswer> Groups, IReadOnlyList<GroupMemberAnswer> Unassigned, IReadOnlyList<string> Warnings);

public sealed record WorkingGroupAnswer(Guid Id, IReadOnlyList<GroupMemberAnswer> Members);

public sealed record GroupMemberAnswer(Guid EnrolmentId);
