using Achats.Cohorts.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Catalogue.Matchmaking;

/// <summary>
/// Cohorts scheduled or changed a session: a matchmaking one is kept (or brought up to date) in the catalogue, so staff
/// can invite suppliers to it; other kinds are not the catalogue's. A redelivery, or a change that changes nothing the
/// catalogue keeps, appends nothing.
/// </summary>
public static class KeepMatchmakingSessionHandler
{
    public const string MatchmakingKind = "Matchmaking";

    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task Handle(SessionScheduled scheduled, IDocumentSession session, CancellationToken cancellationToken)
    {
        if (scheduled.Kind != MatchmakingKind)
        {
            return;
        }

        var stream = await session.Events.FetchForWriting<MatchmakingSession>(MatchmakingSession.StreamIdOf(scheduled.SessionId), cancellationToken);
        if (Decide(stream.Aggregate, scheduled) is { } kept)
        {
            stream.AppendOne(kept);
        }
    }

    /// <summary>The session to keep, or null when the catalogue has it already as it is, or it was cancelled.</summary>
    public static MatchmakingSessionKept? Decide(MatchmakingSession? current, SessionScheduled scheduled)
    {
        var details = new MatchmakingDetails(scheduled.Title, scheduled.StartsAt, scheduled.EndsAt, scheduled.Modality,
            scheduled.MeetingLink, scheduled.Venue, scheduled.Categories.Distinct().Order().ToList());
        return current is not null && (current.IsCancelled || (current.Details.SameAs(details) && current.CohortId == scheduled.CohortId))
            ? null
            : new MatchmakingSessionKept(scheduled.SessionId, scheduled.CohortId, details);
    }
}
