using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Catalogue.Matchmaking;

/// <summary>The matchmaking sessions the catalogue keeps: the upcoming ones first, soonest first, then the past ones, latest first.</summary>
public sealed record ListMatchmakingSessions;

/// <summary>A kept session in the list, with how many suppliers were invited and how many said yes.</summary>
public sealed record MatchmakingSessionSummary(
    Guid SessionId,
    Guid CohortId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Modality,
    IReadOnlyList<PurchaseCategory> Categories,
    bool Cancelled,
    int Invited,
    int Confirmed);

public static class ListMatchmakingSessionsHandler
{
    public static async Task<IReadOnlyList<MatchmakingSessionSummary>> Handle(
        ListMatchmakingSessions query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await session.Query<MatchmakingSession>().ToListAsync(cancellationToken);
        return sessions
            .OrderBy(matchmaking => matchmaking.Details.EndsAt < now)
            .ThenBy(matchmaking => matchmaking.Details.EndsAt < now ? -matchmaking.Details.StartsAt.UtcTicks : matchmaking.Details.StartsAt.UtcTicks)
            .Select(matchmaking => new MatchmakingSessionSummary(matchmaking.SessionId, matchmaking.CohortId, matchmaking.Details.Title,
                matchmaking.Details.StartsAt, matchmaking.Details.EndsAt, matchmaking.Details.Modality, matchmaking.Details.Categories,
                matchmaking.IsCancelled, matchmaking.Invitations.Count, matchmaking.Invitations.Count(invitation => invitation.Presents == true)))
            .ToList();
    }
}

internal static class ListMatchmakingSessionsEndpoint
{
    public static RouteHandlerBuilder MapListMatchmakingSessions(this IEndpointRouteBuilder catalogue) =>
        catalogue.MapGet("/matchmaking/sessions", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<MatchmakingSessionSummary>>(new ListMatchmakingSessions(), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListMatchmakingSessions))
            .WithSummary("Lister les séances de mise en relation")
            .WithDescription("Les séances de mise en relation programmées par les éditions : à venir d'abord, puis passées.");
}
