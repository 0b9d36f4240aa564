using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Discussions;

/// <summary>A member or programme staff reply in a thread of the space.</summary>
public sealed record PostReply(Guid CohortId, Guid ThreadId, string Text, Visitor Visitor);

internal sealed class PostReplyValidator : AbstractValidator<PostReply>
{
    public PostReplyValidator() => RuleFor(command => command.Text).PostText();
}

public static class PostReplyHandler
{
    /// <summary>Two replies at once: the second is decided again on the thread with the first.</summary>
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static async Task<ThreadChanged> Handle(PostReply command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        var stream = await session.Events.FetchForWriting<DiscussionThread>(command.ThreadId, cancellationToken);
        var reply = Decide(visit, stream.Aggregate, command.Text, Guid.CreateVersion7(), clock.GetUtcNow());
        stream.AppendOne(reply);
        return new ThreadChanged(command.ThreadId, reply.PostId, (int)(stream.CurrentVersion ?? 0) + 1);
    }

    public static ReplyPosted Decide(SpaceVisit visit, DiscussionThread? thread, string text, Guid postId, DateTimeOffset now)
    {
        visit.EnsureMayWrite();
        var found = thread.InSpace(visit);
        Channels.Find(visit, found.ChannelId);
        return new ReplyPosted(postId, visit.Author(), text.Trim(), Mentions.In(text, visit.Space), now);
    }
}

/// <summary>A reply, as a client sends it.</summary>
public sealed record PostReplyRequest(string? Text);

internal static class PostReplyEndpoint
{
    public static RouteHandlerBuilder MapPostReply(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/discussions/{threadId:guid}/replies", async (
                Guid cohortId, Guid threadId, PostReplyRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadChanged>(new PostReply(cohortId, threadId, request.Text ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(PostReply))
            .WithSummary("Répondre dans une discussion de l'espace")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
