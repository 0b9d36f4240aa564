using Achats.Cohorts.Contracts;

namespace Achats.Cohorts.Sessions;

/// <summary>A session of one of the cohort's sequences. Everyone on the roster is expected: nobody enrols in a single session.</summary>
public sealed record Session(Guid Id, Guid SequenceId, SessionDetails Details)
{
    public string? CancellationReason { get; init; }

    public bool IsCancelled => CancellationReason is not null;

    /// <summary>
    /// Two sessions of one cohort may not share a moment, unless both are workshops marked parallel (the
    /// cohort splits into groups). A session ending when the other starts does not overlap it.
    /// </summary>
    public bool Clashes(SessionDetails other) =>
        !IsCancelled
        && Details.StartsAt < other.EndsAt && other.StartsAt < Details.EndsAt
        && !(Details.IsParallelWorkshop && other.IsParallelWorkshop);
}

/// <summary>What staff say about a session. Times are instants, shown in Paris time.</summary>
public sealed record SessionDetails(
    string Title,
    SessionKind Kind,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Modality Modality,
    string? MeetingLink,
    string? Venue,
    string? AudienceTag,
    IReadOnlyList<PurchaseCategory> Categories,
    bool Parallel)
{
    public bool IsParallelWorkshop => Kind == SessionKind.Workshop && Parallel;

    /// <summary>What the other modules hear of a session: its whole current state.</summary>
    public Contracts.SessionScheduled Published(Guid cohortId, Guid sessionId) =>
        new(cohortId, sessionId, Title, Kind.ToString(), StartsAt, EndsAt, Modality.ToString(), MeetingLink, Venue, AudienceTag, Categories);

    /// <summary>Equal field by field, categories included.</summary>
    public bool Equals(SessionDetails? other) =>
        other is not null
        && (Title, Kind, StartsAt, EndsAt, Modality, MeetingLink, Venue, AudienceTag, Parallel)
        == (other.Title, other.Kind, other.StartsAt, other.EndsAt, other.Modality, other.MeetingLink, other.Venue, other.AudienceTag, other.Parallel)
        && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Title, Kind, StartsAt, EndsAt);
}

public enum SessionKind
{
    Plenary,
    Workshop,
    Matchmaking,
}

public enum Modality
{
    Online,
    InPerson,
    Hybrid,
}

internal static class SessionLabels
{
    public static string Of(SessionKind kind) => kind switch
    {
        SessionKind.Plenary => "Séance plénière",
        SessionKind.Workshop => "Atelier",
        _ => "Mise en relation",
    };

    public static string Of(Modality modality) => modality switch
    {
        Modality.Online => "En ligne",
        Modality.InPerson => "En présentiel",
        _ => "Hybride",
    };
}
