using Achats.Catalogue.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Resources;

/// <summary>
/// Keeps Catalogue's list of the solutions presented at a matchmaking session with the session's material. The list comes
/// whole each time: the same list again keeps nothing; an empty one (after a cancellation) removes them.
/// </summary>
public static class KeepPresentedSolutionsHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static async Task Handle(MatchmakingConfirmed confirmed, IDocumentSession session, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<SessionResources>(SessionResources.IdOf(confirmed.SessionId), cancellationToken);
        stream.AppendMany(Decide(stream.Aggregate, confirmed).ToArray());
    }

    public static IEnumerable<object> Decide(SessionResources? material, MatchmakingConfirmed confirmed)
    {
        if (!(material?.Solutions ?? []).SequenceEqual(confirmed.Solutions))
        {
            yield return new PresentedSolutionsKept(confirmed.CohortId, confirmed.SessionId, confirmed.Solutions);
        }
    }
}
