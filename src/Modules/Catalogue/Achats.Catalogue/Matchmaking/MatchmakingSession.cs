using Achats.Catalogue.Contracts;
using Achats.Catalogue.Solutions;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using Achats.Shared.Replay;
using Marten;

namespace Achats.Catalogue.Matchmaking;

/// <summary>
/// A matchmaking session as the catalogue keeps it, with the invitations staff sent for it and their answers: its
/// events folded, kept inline as a document too, so staff read what they just did. Its stream (and document) id is
/// derived from Cohorts' session id (<see cref="StreamIdOf"/>): Cohorts' attendance sheet is a stream keyed by the
/// session's own id, and every module's streams share one table of ids.
/// </summary>
[ReplayedAs("séance de mise en relation", "séances de mise en relation")]
public sealed record MatchmakingSession(Guid Id, Guid SessionId, Guid CohortId, MatchmakingDetails Details)
{
    /// <summary>The catalogue's stream about Cohorts' session <paramref name="sessionId"/>.</summary>
    public static Guid StreamIdOf(Guid sessionId) => StreamIds.Derive("catalogue.matchmaking", sessionId);

    public int Version { get; set; }

    public IReadOnlyList<Invitation> Invitations { get; init; } = [];

    /// <summary>Why Cohorts cancelled the session, once it did.</summary>
    public string? CancellationReason { get; init; }

    public bool IsCancelled => CancellationReason is not null;

    public static MatchmakingSession Create(MatchmakingSessionKept kept) => new(StreamIdOf(kept.SessionId), kept.SessionId, kept.CohortId, kept.Details);

    public MatchmakingSession Apply(MatchmakingSessionKept kept) => this with { CohortId = kept.CohortId, Details = kept.Details };

    public MatchmakingSession Apply(SuppliersInvited invited) => this with { Invitations = [.. Invitations, .. invited.Invitations] };

    public MatchmakingSession Apply(InvitationAnswered answered) => this with
    {
        Invitations = Invitations
            .Select(invitation => invitation.InvitationId == answered.InvitationId
                ? invitation with { Presents = answered.Presents, AnsweredAt = answered.AnsweredAt }
                : invitation)
            .ToList(),
    };

    public MatchmakingSession Apply(MatchmakingSessionCancelled cancelled) => this with { CancellationReason = cancelled.Reason };

    /// <summary>Suppliers may answer, or change their answer, until the session starts, unless it was cancelled.</summary>
    public bool OpenForAnswers(DateTimeOffset now) => !IsCancelled && now < Details.StartsAt;

    /// <summary>The solutions that will be presented: those whose supplier said yes, in the order they were invited.</summary>
    public IReadOnlyList<PresentedSolution> Confirmed => IsCancelled
        ? []
        : Invitations.Where(invitation => invitation.Presents == true)
            .Select(invitation => new PresentedSolution(invitation.SolutionId, invitation.SolutionTitle, invitation.SupplierName, Matchmaking.PublicPathOf(invitation.SolutionId)))
            .ToList();

    /// <summary>Whether <paramref name="solution"/> is proposed for this session: published, in one of its categories.</summary>
    public bool Proposes(Solution solution) =>
        solution.Published is { } published && published.Solution.Categories.Intersect(Details.Categories).Any();
}

/// <summary>An answer link: the hash of its token, and the invitation it answers.</summary>
public sealed record InvitationLink(string Id, Guid SessionId, Guid InvitationId);

/// <summary>Reading sessions, solutions and links for the use cases.</summary>
internal static class Matchmaking
{
    public const string NotFound = "Aucune séance de mise en relation ne porte cet identifiant.";

    /// <summary>The page the answer link opens.</summary>
    public static string InvitationPath(string token) => $"/catalogue/invitation/{token}";

    /// <summary>A published solution's public page, as the participants' space links to it.</summary>
    public static string PublicPathOf(Guid solutionId) => $"/catalogue/{solutionId}";

    public static async Task<MatchmakingSession> LoadSessionAsync(this IQuerySession session, Guid sessionId, CancellationToken cancellationToken) =>
        await session.LoadAsync<MatchmakingSession>(MatchmakingSession.StreamIdOf(sessionId), cancellationToken) ?? throw new NotFoundException(NotFound);

    /// <summary>The published solutions proposed for <paramref name="matchmaking"/>, by title.</summary>
    public static async Task<IReadOnlyList<Solution>> ProposalsAsync(this IQuerySession session, MatchmakingSession matchmaking, CancellationToken cancellationToken)
    {
        var published = await session.Query<Solution>().Where(solution => solution.Published != null)
            .ToListAsync(cancellationToken);
        return published.Where(matchmaking.Proposes).OrderBy(solution => solution.Published!.Solution.Title, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The invitation <paramref name="token"/> answers, with its session, or null when the token is unknown.</summary>
    public static async Task<(MatchmakingSession Session, Invitation Invitation)?> InvitationOfAsync(this IQuerySession session, string token, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<InvitationLink>(Achats.Shared.Access.SigningToken.HashOf(token), cancellationToken) is not { } link
            || await session.LoadAsync<MatchmakingSession>(MatchmakingSession.StreamIdOf(link.SessionId), cancellationToken) is not { } matchmaking)
        {
            return null;
        }

        return matchmaking.Invitations.FirstOrDefault(invitation => invitation.InvitationId == link.InvitationId) is { } invitation ? (matchmaking, invitation) : null;
    }
}
