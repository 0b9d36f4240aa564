using Achats.Shared.Privacy;

namespace Achats.Community.Spaces;

// The events of a cohort's space, each kept from an integration event of Cohorts or Enrolment (ADR 0053).

/// <summary>An admitted participant became a member (Cohorts' roster said so), with what the space shows of them.</summary>
public sealed record MemberJoined(
    Guid EnrolmentId, [PersonalData] string FirstName, [PersonalData] string LastName, [PersonalData] string Email, string Organisation, DateTimeOffset JoinedAt);

/// <summary>The cohort was launched: its space opens to its members.</summary>
public sealed record SpaceOpened(Guid CohortId, string Name, DateOnly StartsOn, DateOnly EndsOn, DateTimeOffset OpenedAt);

/// <summary>A member left (withdrawn, replaced): they lose access at once; what they wrote stays.</summary>
public sealed record MemberLeft(Guid EnrolmentId, string Reason, DateTimeOffset LeftAt);

/// <summary>The cohort was closed: the space is kept as a read-only archive.</summary>
public sealed record SpaceArchived(DateTimeOffset ArchivedAt);

/// <summary>A session of the cohort, as Cohorts scheduled or last changed it (a whole state, so a copy is an upsert).</summary>
public sealed record SessionKept(SpaceSession Session);

/// <summary>Cohorts cancelled a session.</summary>
public sealed record SessionCancellationKept(Guid SessionId, string Reason);

/// <summary>Cohorts published the working groups: each gets its channel.</summary>
public sealed record WorkingGroupsKept(IReadOnlyList<SpaceGroup> Groups);

/// <summary>Staff changed the LinkedIn group of the cohort (null: none), at that version of the cohort.</summary>
public sealed record LinkedInGroupKept(string? Url, int CohortVersion);
