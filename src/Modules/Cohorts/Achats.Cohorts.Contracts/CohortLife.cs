namespace Achats.Cohorts.Contracts;

/// <summary>
/// Staff changed a cohort's dates before its launch, for the reason given. <paramref name="Version"/> orders
/// the changes of one cohort: a copy keeps the highest it has seen.
/// </summary>
public sealed record CohortDatesChanged(
    Guid CohortId,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string Reason,
    int Version)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.cohort-dates-changed.v1";
}

/// <summary>The cohort was launched: the participants' space opens. <paramref name="MemberEnrolmentIds"/>: who is on the roster.</summary>
public sealed record CohortLaunched(
    Guid CohortId,
    string Name,
    DateOnly StartsOn,
    DateOnly EndsOn,
    IReadOnlyList<Guid> MemberEnrolmentIds,
    DateTimeOffset LaunchedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.cohort-launched.v1";
}

/// <summary>The cohort's year is over and staff closed it.</summary>
public sealed record CohortClosed(Guid CohortId, DateTimeOffset ClosedAt)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.cohort-closed.v1";
}

/// <summary>
/// Staff set (or removed, <paramref name="Url"/> null) the LinkedIn group of the cohort. <paramref name="Version"/> orders
/// the changes of one cohort: a copy keeps the highest it has seen.
/// </summary>
public sealed record CohortLinkedInGroupChanged(Guid CohortId, string? Url, int Version)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.linkedin-group-changed.v1";
}
