using Achats.Cohorts.Contracts;

namespace Achats.Catalogue.Matchmaking;

// A matchmaking session's life in the catalogue, one stream per session, its id derived from Cohorts' session id. Cohorts owns
// the session; the catalogue keeps its own copy of what suppliers are told, and the invitations it sent.

/// <summary>Cohorts scheduled a matchmaking session or changed it: its whole current state, as the catalogue keeps it.</summary>
public sealed record MatchmakingSessionKept(Guid SessionId, Guid CohortId, MatchmakingDetails Details);

/// <summary>Staff invited the suppliers of these proposed solutions; each contact was emailed their answer link.</summary>
public sealed record SuppliersInvited(Guid SessionId, IReadOnlyList<Invitation> Invitations, DateTimeOffset InvitedAt);

/// <summary>An invited supplier answered, through their link, whether they will present their solution.</summary>
public sealed record InvitationAnswered(Guid SessionId, Guid InvitationId, bool Presents, DateTimeOffset AnsweredAt);

/// <summary>Cohorts cancelled the session: the invited suppliers who had not declined were told, with the reason.</summary>
public sealed record MatchmakingSessionCancelled(Guid SessionId, string Reason, DateTimeOffset CancelledAt);

/// <summary>
/// What suppliers are told of a session: when (instants; shown in Paris time), how (<c>Online</c>, <c>InPerson</c>
/// or <c>Hybrid</c>, as Cohorts names them), where, and the purchase categories it covers.
/// </summary>
public sealed record MatchmakingDetails(
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Modality,
    string? MeetingLink,
    string? Venue,
    IReadOnlyList<PurchaseCategory> Categories)
{
    /// <summary>The same session as <paramref name="other"/> tells it (records compare lists by reference).</summary>
    public bool SameAs(MatchmakingDetails other) =>
        Title == other.Title && StartsAt == other.StartsAt && EndsAt == other.EndsAt && Modality == other.Modality
        && MeetingLink == other.MeetingLink && Venue == other.Venue && Categories.SequenceEqual(other.Categories);
}

/// <summary>
/// One supplier invited to present one solution, as it was published when staff invited them; the answer link's
/// token is kept only as its hash (<c>SigningToken</c>).
/// </summary>
public sealed record Invitation(
    Guid InvitationId,
    Guid SolutionId,
    string SolutionTitle,
    string SupplierName,
    string ContactName,
    string ContactEmail,
    string TokenHash)
{
    /// <summary>Null until the supplier answers; their latest answer after.</summary>
    public bool? Presents { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }
}
