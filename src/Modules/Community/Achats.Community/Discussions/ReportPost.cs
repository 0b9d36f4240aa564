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

/// <summary>A member reports someone else's post to staff, with their reason; once per member and post.</summary>
public sealed record ReportPost(Guid CohortId, Guid ThreadId, Guid PostId, string Reason, Visitor Visitor);

internal sealed class ReportPostValidator : AbstractValidator<ReportPost>
{
    public ReportPostValidator() => RuleFor(command => command.Reason).Reason("Dites à l'équipe du programme ce qui ne va pas dans ce message.");
}

public static class ReportPostHandler
{
    public static void Configure(HandlerChain chain) => chain.RetryOnConcurrentAppend();

    public static async Task<ThreadChanged> Handle(ReportPost command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        var stream = await session.Events.FetchForWriting<DiscussionThread>(command.ThreadId, cancellationToken);
        var reported = Decide(visit, stream.Aggregate, command.PostId, command.Reason, clock.GetUtcNow());
        stream.AppendOne(reported);
        return new ThreadChanged(command.ThreadId, command.PostId, (int)(stream.CurrentVersion ?? 0) + 1);
    }

    public static PostReported Decide(SpaceVisit visit, DiscussionThread? thread, Guid postId, string reason, DateTimeOffset now)
    {
        visit.EnsureMayWrite();
        if (visit.Member is not { } member)
        {
            throw new ForbiddenException("Un message se signale par un·e participant·e ; l'équipe du programme le masque directement.");
        }

        var post = thread.InSpace(visit).PostOf(postId);
        if (visit.Wrote(post))
        {
            throw new RuleViolationException("own-post", "C'est votre propre message : modifiez-le plutôt que de le signaler.");
        }

        if (post.IsHidden)
        {
            throw new ConflictException("Ce message est déjà masqué par l'équipe du programme.");
        }

        if (post.Reports.Any(report => report.ReportedBy == member.EnrolmentId))
        {
            throw new ConflictException("Vous avez déjà signalé ce message : l'équipe du programme l'examine.");
        }

        return new PostReported(postId, member.EnrolmentId, reason.Trim(), now);
    }
}

/// <summary>A report, as a client sends it.</summary>
public sealed record ReportPostRequest(string? Reason);

internal static class ReportPostEndpoint
{
    public static RouteHandlerBuilder MapReportPost(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}/reports", async (
                Guid cohortId, Guid threadId, Guid postId, ReportPostRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadChanged>(
                    new ReportPost(cohortId, threadId, postId, request.Reason ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(ReportPost))
            .WithSummary("Signaler un message à l'équipe du programme")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
