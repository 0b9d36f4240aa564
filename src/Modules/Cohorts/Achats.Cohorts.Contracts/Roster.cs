namespace Achats.Cohorts.Contracts;

/// <summary>An admitted participant joined the cohort's roster: admission is to the whole cohort, every session of it.</summary>
public sealed record ParticipantJoinedCohort(
    Guid CohortId,
    Guid EnrolmentId,
    string FirstName,
    string LastName,
    string Email,
    string OrganisationName,
    DateTimeOffset JoinedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.participant-joined.v1";
}

/// <summary>A participant left the cohort's roster (withdrawn, or replaced by <paramref name="ReplacedByEnrolmentId"/>).</summary>
public sealed record ParticipantLeftCohort(
    Guid CohortId,
    Guid EnrolmentId,
    string Reason,
    Guid? ReplacedByEnrolmentId,
    DateTimeOffset LeftAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.participant-left.v1";
}

/// <summary>Staff published the cohort's working groups.</summary>
public sealed record WorkingGroupsPublished(Guid CohortId, IReadOnlyList<PublishedWorkingGroup> Groups, DateTimeOffset PublishedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.working-groups-published.v1";
}

/// <summary>
/// One group of <see cref="WorkingGroupsPublished"/> (a value inside the message, never sent alone).
/// <paramref name="Category"/>: a <see cref="PurchaseCategory"/> name, or null for a group mixing several.
/// </summary>
public readonly record struct PublishedWorkingGroup(Guid GroupId, string Name, string? Category, IReadOnlyList<Guid> MemberEnrolmentIds);
