using Achats.Cohorts.Contracts;
using Achats.Shared.Email;
using Achats.Shared.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Catalogue.Matchmaking;

/// <summary>
/// Cohorts cancelled a session: when the catalogue kept it, every invited supplier who had not declined is told, with
/// the reason, and the participants' space hears that no solution will be presented. A redelivery finds the session
/// cancelled already and does nothing; a session the catalogue never kept (another kind) had nobody to tell.
/// </summary>
public static class TellInvitedOfCancellationHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<OutgoingMessages> Handle(
        SessionCancelled cancelled, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<MatchmakingSession>(MatchmakingSession.StreamIdOf(cancelled.SessionId), cancellationToken);
        var now = time.GetUtcNow();
        if (stream.Aggregate is not { } matchmaking || Decide(matchmaking, cancelled.Reason, now) is not { } decided)
        {
            return [];
        }

        stream.AppendOne(decided);
        var site = PublicSite.From(configuration);
        var messages = new OutgoingMessages();
        messages.AddRange(ToTell(matchmaking).Select(invitation => MatchmakingEmails.Cancellation(matchmaking, invitation, decided.Reason, site, now)));
        messages.Add(new Contracts.MatchmakingConfirmed(matchmaking.CohortId, matchmaking.SessionId, []));
        return messages;
    }

    /// <summary>The cancellation to record, or null when the session is cancelled already.</summary>
    public static MatchmakingSessionCancelled? Decide(MatchmakingSession matchmaking, string reason, DateTimeOffset now) =>
        matchmaking.IsCancelled ? null : new MatchmakingSessionCancelled(matchmaking.SessionId, reason.Trim(), now);

    /// <summary>Who is told: every invited supplier but those who said they would not come.</summary>
    public static IEnumerable<Invitation> ToTell(MatchmakingSession matchmaking) =>
        matchmaking.Invitations.Where(invitation => invitation.Presents != false);
}
