namespace Achats.Cohorts.Contracts;

/// <summary>
/// A session was scheduled or changed: its whole current state, so a copy is an upsert. <paramref name="Kind"/>
/// is Plenary, Workshop or Matchmaking; <paramref name="Modality"/> Online, InPerson or Hybrid. The catalogue
/// links matchmaking sessions to solutions through <paramref name="Categories"/>.
/// </summary>
public sealed record SessionScheduled(
    Guid CohortId,
    Guid SessionId,
    string Title,
    string Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Modality,
    string? MeetingLink,
    string? Venue,
    string? AudienceTag,
    IReadOnlyList<PurchaseCategory> Categories)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.session-scheduled.v1";
}

/// <summary>A session was cancelled, for the reason given: it no longer takes place.</summary>
public sealed record SessionCancelled(Guid CohortId, Guid SessionId, string Reason)
{
    /// <summary>The stable name of this message on the bus.</summary>
    public const string MessageName = "cohorts.session-cancelled.v1";
}
