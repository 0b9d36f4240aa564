namespace Achats.Enrolment.Contracts;

/// <summary>Every enrolment of a cohort with its timeline, for the auditor's view and export (Audit asks).</summary>
public sealed record GetCohortEnrolments(Guid CohortId)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.get-cohort-enrolments.v1";
}

/// <summary>One enrolment as it was at <paramref name="At"/> (as it is now when null), replayed from its events.</summary>
public sealed record GetEnrolmentSummary(Guid EnrolmentId, DateTimeOffset? At)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.get-enrolment-summary.v1";
}

/// <summary>
/// What an auditor reads of an enrolment, in French where a person reads it: <paramref name="Status"/> and
/// <paramref name="Eligibility"/> are labels (« Validée », « Participation gratuite »).
/// </summary>
public sealed record EnrolmentSummary(
    Guid EnrolmentId,
    string? Reference,
    string FirstName,
    string LastName,
    string Organisation,
    string Status,
    string Eligibility,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? ValidatedAt,
    int Version)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.enrolment-summary.v1";
}

/// <summary>One event of an enrolment's timeline: what happened in French, why, and who acted (as recorded on the event).</summary>
public sealed record EnrolmentTimelineEvent(long Version, DateTimeOffset At, string What, string? Why, string? Actor)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.timeline-event.v1";
}

public sealed record CohortEnrolment(EnrolmentSummary Summary, IReadOnlyList<EnrolmentTimelineEvent> Timeline)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "enrolment.cohort-enrolment.v1";
}
