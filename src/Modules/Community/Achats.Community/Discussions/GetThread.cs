using Achats.Community.Spaces;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Discussions;

/// <summary>A thread of the space and its posts, as its visitor may read them.</summary>
public sealed record GetThread(Guid CohortId, Guid ThreadId, Visitor Visitor);

/// <summary>The thread; <see cref="Version"/> is what staff's hide carries back.</summary>
public sealed record ThreadView(Guid ThreadId, int Version, SpaceChannel Channel, bool ChannelListed, string Subject, bool MayWrite, bool MayModerate, IReadOnlyList<PostView> Posts);

/// <summary>
/// A post as its reader sees it: a hidden one's <see cref="Text"/> only for staff (members read <see cref="HiddenBecause"/>);
/// <see cref="Reports"/> only for staff; the names it mentions of members still in the space.
/// </summary>
public sealed record PostView(Guid PostId, AuthorLabel Author, string? Text, IReadOnlyList<string> Mentions, DateTimeOffset PostedAt, DateTimeOffset? EditedAt,
    bool IsHidden, string? HiddenBecause, IReadOnlyList<string> Reports, bool MayEdit, bool MayReport);

public static class GetThreadHandler
{
    public static async Task<ThreadView> Handle(GetThread query, IQuerySession session, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        return View(visit, (await session.LoadAsync<DiscussionThread>(query.ThreadId, cancellationToken)).InSpace(visit));
    }

    /// <summary>A thread whose working group a later publication dropped is read, no longer written in (<see cref="ThreadView.ChannelListed"/>).</summary>
    public static ThreadView View(SpaceVisit visit, DiscussionThread thread)
    {
        var listed = Channels.Of(visit).Any(channel => channel.ChannelId == thread.ChannelId);
        var mayWrite = visit.MayWrite && listed;
        return new ThreadView(thread.Id, thread.Version, Channels.OfThread(visit, thread.ChannelId), listed, thread.Subject, mayWrite, visit.MayModerate && mayWrite,
            thread.Posts.Select(post => new PostView(
                post.PostId,
                PostAuthors.Label(post.Author, visit.Space),
                post.IsHidden && !visit.IsStaff ? null : post.Text,
                post.Mentions.Select(visit.Space.Member).OfType<SpaceMember>().Where(member => member.IsCurrent).Select(member => member.Name).ToList(),
                post.PostedAt,
                post.EditedAt,
                post.IsHidden,
                post.HiddenBecause,
                visit.IsStaff ? post.Reports.Select(report => report.Reason).ToList() : [],
                mayWrite && !post.IsHidden && visit.Wrote(post),
                mayWrite && visit.Member is { } member && !post.IsHidden && !visit.Wrote(post) && post.Reports.All(report => report.ReportedBy != member.EnrolmentId)))
                .ToList());
    }
}

internal static class GetThreadEndpoint
{
    public static RouteHandlerBuilder MapGetThread(this IEndpointRouteBuilder community) =>
        community.MapGet("/spaces/{cohortId:guid}/discussions/{threadId:guid}", async (Guid cohortId, Guid threadId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadView>(new GetThread(cohortId, threadId, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetThread))
            .WithSummary("Une discussion de l'espace et ses messages")
            .WithDescription("Un message masqué se lit par son motif ; l'équipe du programme en lit aussi le texte.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
