using Achats.Shared.Messaging;
using Achats.Shared.Replay;

namespace Achats.Community.Spaces;

/// <summary>
/// The participants' space of one cohort, its events folded (ADR 0053): who is a member, whether it is open or archived,
/// the cohort's sessions and working groups. Kept inline as a document too, so every request reads at once who may
/// enter. Its stream is the space's own, derived from the cohort's id (<see cref="IdOf"/>), never the cohort's stream.
/// </summary>
[ReplayedAs("espace des participants", "espaces des participants")]
public sealed record CohortSpace
{
    /// <summary>The space's stream: <see cref="IdOf"/> the cohort (Marten sets it, starting from an empty space).</summary>
    public Guid Id { get; set; }

    public int Version { get; set; }

    /// <summary>The cohort, once its launch was heard.</summary>
    public Guid CohortId { get; init; }

    /// <summary>The edition's name, once launched.</summary>
    public string Name { get; init; } = "";

    public DateOnly StartsOn { get; init; }

    public DateOnly EndsOn { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>Every member the space has had, former ones included (their posts stay theirs).</summary>
    public IReadOnlyList<SpaceMember> Members { get; init; } = [];

    /// <summary>The sessions of the cohort, cancelled ones included, by start.</summary>
    public IReadOnlyList<SpaceSession> Sessions { get; init; } = [];

    public IReadOnlyList<SpaceGroup> Groups { get; init; } = [];

    public string? LinkedInGroup { get; init; }

    public int LinkedInGroupVersion { get; init; }

    public bool IsOpen => OpenedAt is not null && ArchivedAt is null;

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>The space's stream and document id for the cohort <paramref name="cohortId"/>.</summary>
    public static Guid IdOf(Guid cohortId) => StreamIds.Derive("community.space", cohortId);

    /// <summary>The current member signed in with <paramref name="email"/>, if any.</summary>
    public SpaceMember? CurrentMember(string email) =>
        Members.FirstOrDefault(member => member.IsCurrent && string.Equals(member.Email, email, StringComparison.OrdinalIgnoreCase));

    public SpaceMember? Member(Guid enrolmentId) => Members.FirstOrDefault(member => member.EnrolmentId == enrolmentId);

    /// <summary>The working groups <paramref name="enrolmentId"/> belongs to.</summary>
    public IEnumerable<SpaceGroup> GroupsOf(Guid enrolmentId) => Groups.Where(group => group.MemberEnrolmentIds.Contains(enrolmentId));

    public CohortSpace Apply(MemberJoined joined) => this with
    {
        Members = [.. Members, new SpaceMember(joined.EnrolmentId, joined.FirstName, joined.LastName, joined.Email, joined.Organisation, joined.JoinedAt)],
    };

    public CohortSpace Apply(SpaceOpened opened) => this with
    {
        CohortId = opened.CohortId, Name = opened.Name, StartsOn = opened.StartsOn, EndsOn = opened.EndsOn, OpenedAt = opened.OpenedAt,
    };

    public CohortSpace Apply(MemberLeft left) => Member(left.EnrolmentId) is null
        // Out of order: the departure came first; kept, so that the late arrival is not let in.
        ? this with { Members = [.. Members, SpaceMember.Departed(left)] }
        : this with { Members = Members.Select(member => member.EnrolmentId == left.EnrolmentId ? member with { LeftAt = left.LeftAt } : member).ToList() };

    public CohortSpace Apply(SpaceArchived archived) => this with { ArchivedAt = archived.ArchivedAt };

    public CohortSpace Apply(SessionKept kept) => this with
    {
        Sessions = Sessions.Where(session => session.SessionId != kept.Session.SessionId).Append(kept.Session).OrderBy(session => session.StartsAt).ToList(),
    };

    public CohortSpace Apply(SessionCancellationKept cancelled) => this with
    {
        Sessions = Sessions.Select(session => session.SessionId == cancelled.SessionId ? session with { CancellationReason = cancelled.Reason } : session).ToList(),
    };

    public CohortSpace Apply(WorkingGroupsKept kept) => this with { Groups = kept.Groups };

    public CohortSpace Apply(LinkedInGroupKept kept) => this with { LinkedInGroup = kept.Url, LinkedInGroupVersion = kept.CohortVersion };
}

/// <summary>A member of the space, current or former (<see cref="LeftAt"/>).</summary>
public sealed record SpaceMember(Guid EnrolmentId, string FirstName, string LastName, string Email, string Organisation, DateTimeOffset JoinedAt)
{
    public DateTimeOffset? LeftAt { get; init; }

    public bool IsCurrent => LeftAt is null;

    public string Name => $"{FirstName} {LastName}";

    /// <summary>A departure heard before the arrival: nobody to show, but the enrolment stays out.</summary>
    public static SpaceMember Departed(MemberLeft left) => new(left.EnrolmentId, "", "", "", "", left.LeftAt) { LeftAt = left.LeftAt };
}

/// <summary>A session as the space shows it: Paris time comes from <see cref="StartsAt"/>; the link only to members.</summary>
public sealed record SpaceSession(
    Guid SessionId, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Modality, string? MeetingLink, string? Venue)
{
    public string? CancellationReason { get; init; }

    public bool IsCancelled => CancellationReason is not null;
}

/// <summary>A published working group: its channel, and who is in it.</summary>
public sealed record SpaceGroup(Guid GroupId, string Name, string? Category, IReadOnlyList<Guid> MemberEnrolmentIds);
