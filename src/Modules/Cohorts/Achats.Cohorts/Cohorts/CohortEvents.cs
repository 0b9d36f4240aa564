using Achats.Cohorts.Sessions;

namespace Achats.Cohorts.Cohorts;

public sealed record CohortPlanned(
    Guid CohortId,
    string Name,
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn);

/// <summary>New dates for the cohort, before its launch, and why they changed.</summary>
public sealed record CohortDatesChanged(
    DateOnly RegistrationOpensOn,
    DateOnly RegistrationClosesOn,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string Reason);

/// <summary>The cohort's LinkedIn group, an external link given to its participants; null when removed.</summary>
public sealed record LinkedInGroupChanged(string? Url);

public sealed record CohortLaunched(DateTimeOffset LaunchedAt);

public sealed record CohortClosed(DateTimeOffset ClosedAt);

public sealed record SequenceAdded(Guid SequenceId, string Title);

public sealed record SequenceRenamed(Guid SequenceId, string Title);

/// <summary>The sequences in their new order: every sequence of the cohort, once.</summary>
public sealed record SequencesReordered(IReadOnlyList<Guid> Order);

public sealed record SessionScheduled(Guid SessionId, Guid SequenceId, SessionDetails Details);

public sealed record SessionChanged(Guid SessionId, Guid SequenceId, SessionDetails Details);

public sealed record SessionCancelled(Guid SessionId, string Reason);
