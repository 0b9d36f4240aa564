using Achats.Community.Spaces;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Discussions;

/// <summary>The channels of a space and the threads of one of them (the general one when none is named), for its visitor.</summary>
public sealed record ListDiscussions(Guid CohortId, Guid? ChannelId, Visitor Visitor);

public sealed record DiscussionsView(Guid CohortId, bool MayWrite, IReadOnlyList<SpaceChannel> Channels, SpaceChannel Channel, IReadOnlyList<ThreadSummary> Threads);

/// <summary>A thread in its channel's list: who started it, how many replies, its last activity.</summary>
public sealed record ThreadSummary(Guid ThreadId, string Subject, AuthorLabel StartedBy, int Replies, DateTimeOffset LastPostAt);

public static class ListDiscussionsHandler
{
    public static async Task<DiscussionsView> Handle(ListDiscussions query, IQuerySession session, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        var channel = Channels.Find(visit, query.ChannelId ?? Channels.General(query.CohortId));
        var threads = await session.Query<DiscussionThread>()
            .Where(thread => thread.CohortId == query.CohortId && thread.ChannelId == channel.ChannelId)
            .ToListAsync(cancellationToken);
        return new DiscussionsView(query.CohortId, visit.MayWrite, Channels.Of(visit), channel,
            threads.OrderByDescending(thread => thread.LastPostAt)
                .Select(thread => new ThreadSummary(thread.Id, thread.Subject, PostAuthors.Label(thread.Posts[0].Author, visit.Space), thread.Posts.Count - 1,
                    thread.LastPostAt))
                .ToList());
    }
}

internal static class ListDiscussionsEndpoint
{
    public static RouteHandlerBuilder MapListDiscussions(this IEndpointRouteBuilder community) =>
        community.MapGet("/spaces/{cohortId:guid}/discussions", async (Guid cohortId, Guid? channel, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<DiscussionsView>(new ListDiscussions(cohortId, channel, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(ListDiscussions))
            .WithSummary("Les canaux de l'espace et les discussions de l'un d'eux")
            .WithDescription("Le canal général sans paramètre `channel` ; les discussions de la plus récemment active à la plus ancienne.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
