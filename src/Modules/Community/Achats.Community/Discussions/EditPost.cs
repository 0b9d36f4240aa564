using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Community.Discussions;

/// <summary>The author of a post changes its text; the previous text stays in the thread's stream.</summary>
public sealed record EditPost(Guid CohortId, Guid ThreadId, Guid PostId, string Text, Visitor Visitor);

internal sealed class EditPostValidator : AbstractValidator<EditPost>
{
    public EditPostValidator() => RuleFor(command => command.Text).PostText();
}

public static class EditPostHandler
{
    public const string NotTheAuthor = "Seul·e l'auteur·rice d'un message peut le modifier.";

    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static async Task<ThreadChanged> Handle(EditPost command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        var stream = await session.Events.FetchForWriting<DiscussionThread>(command.ThreadId, cancellationToken);
        var events = Decide(visit, stream.Aggregate, command.PostId, command.Text, clock.GetUtcNow());
        stream.AppendMany(events);
        return new ThreadChanged(command.ThreadId, command.PostId, (int)(stream.CurrentVersion ?? 0) + events.Count);
    }

    /// <summary>Its author only, while they may write; a hidden post stays as staff left it; the same text changes nothing.</summary>
    public static IReadOnlyList<object> Decide(SpaceVisit visit, DiscussionThread? thread, Guid postId, string text, DateTimeOffset now)
    {
        visit.EnsureMayWrite();
        var post = thread.InSpace(visit).PostOf(postId);
        if (!visit.Wrote(post))
        {
            throw new ForbiddenException(NotTheAuthor);
        }

        if (post.IsHidden)
        {
            throw new RuleViolationException("post-hidden", "Ce message a été masqué par l'équipe du programme : il ne se modifie plus.");
        }

        return post.Text == text.Trim() ? [] : [new PostEdited(postId, text.Trim(), Mentions.In(text, visit.Space), now)];
    }
}

/// <summary>A post's new text, as a client sends it.</summary>
public sealed record EditPostRequest(string? Text);

internal static class EditPostEndpoint
{
    public static RouteHandlerBuilder MapEditPost(this IEndpointRouteBuilder community) =>
        community.MapPut("/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}", async (
                Guid cohortId, Guid threadId, Guid postId, EditPostRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadChanged>(
                    new EditPost(cohortId, threadId, postId, request.Text ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(EditPost))
            .WithSummary("Modifier son propre message")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
