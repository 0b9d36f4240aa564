using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Discussions;

/// <summary>
/// Programme staff hide a post, with the reason members read in its place; it is never deleted and staff still read
/// it. The decision carries the thread's version it was taken on: a stale one is a 409 (ADR 0012).
/// </summary>
public sealed record HidePost(Guid CohortId, Guid ThreadId, Guid PostId, int Version, string Reason, Visitor Visitor);

internal sealed class HidePostValidator : AbstractValidator<HidePost>
{
    public HidePostValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage("Indiquez la version de la discussion sur laquelle porte votre décision.");
        RuleFor(command => command.Reason).Reason("Le motif est obligatoire : les participant·es le lisent à la place du message.");
    }
}

public static class HidePostHandler
{
    public static async Task<ThreadChanged> Handle(HidePost command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        EnsureMayModerate(visit);
        var stream = await session.Events.FetchForWriting<DiscussionThread>(command.ThreadId, command.Version, cancellationToken);
        var hidden = Decide(visit, stream.Aggregate, command.PostId, command.Reason, clock.GetUtcNow());
        stream.AppendOne(hidden);
        return new ThreadChanged(command.ThreadId, command.PostId, command.Version + 1);
    }

    /// <summary>Programme staff only, in a space not archived (members and auditors: 403).</summary>
    public static void EnsureMayModerate(SpaceVisit visit)
    {
        visit.EnsureMayWrite();
        if (!visit.MayModerate)
        {
            throw new ForbiddenException("Seule l'équipe du programme masque un message ; signalez-le-lui.");
        }
    }

    public static PostHidden Decide(SpaceVisit visit, DiscussionThread? thread, Guid postId, string reason, DateTimeOffset now)
    {
        EnsureMayModerate(visit);
        var post = thread.InSpace(visit).PostOf(postId);
        return post.IsHidden
            ? throw new ConflictException("Ce message est déjà masqué.")
            : new PostHidden(postId, reason.Trim(), visit.Visitor.StaffName ?? "", now);
    }
}

/// <summary>Staff's decision to hide a post, as a client sends it: the thread's version it was taken on, and the reason.</summary>
public sealed record HidePostRequest(int Version, string? Reason);

internal static class HidePostEndpoint
{
    public static RouteHandlerBuilder MapHidePost(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}/hiding", async (
                Guid cohortId, Guid threadId, Guid postId, HidePostRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadChanged>(
                    new HidePost(cohortId, threadId, postId, request.Version, request.Reason ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(HidePost))
            .WithSummary("Masquer un message, avec le motif lu à sa place (équipe du programme)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
