using Achats.Community.Spaces;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Discussions;

/// <summary>A member or programme staff start a thread in a channel of the space: its subject and first post (Markdown).</summary>
public sealed record StartThread(Guid CohortId, Guid ChannelId, string Subject, string Text, Visitor Visitor);

internal sealed class StartThreadValidator : AbstractValidator<StartThread>
{
    public StartThreadValidator()
    {
        RuleFor(command => command.Subject).NotEmpty().WithMessage("Donnez un sujet à la discussion.")
            .MaximumLength(DiscussionStreams.MaxSubject).WithMessage($"Le sujet ne doit pas dépasser {DiscussionStreams.MaxSubject} caractères.");
        RuleFor(command => command.Text).PostText();
    }
}

public static class StartThreadHandler
{
    public static async Task<ThreadChanged> Handle(StartThread command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(command.CohortId, command.Visitor, cancellationToken);
        var started = Decide(visit, command, Guid.CreateVersion7(), Guid.CreateVersion7(), clock.GetUtcNow());
        session.Events.StartStream<DiscussionThread>(started.ThreadId, started);
        return new ThreadChanged(started.ThreadId, started.PostId, 1);
    }

    /// <summary>Only who may write in the space, in one of its channels; the mentions of current members are kept.</summary>
    public static ThreadStarted Decide(SpaceVisit visit, StartThread command, Guid threadId, Guid postId, DateTimeOffset now)
    {
        visit.EnsureMayWrite();
        var channel = Channels.Find(visit, command.ChannelId);
        return new ThreadStarted(threadId, visit.Space.CohortId, channel.ChannelId, command.Subject.Trim(), postId, visit.Author(), command.Text.Trim(),
            Mentions.In(command.Text, visit.Space), now);
    }
}

/// <summary>A new thread, as a client sends it.</summary>
public sealed record StartThreadRequest(Guid ChannelId, string? Subject, string? Text);

internal static class StartThreadEndpoint
{
    public static RouteHandlerBuilder MapStartThread(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/discussions", async (
                Guid cohortId, StartThreadRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ThreadChanged>(
                    new StartThread(cohortId, request.ChannelId, request.Subject ?? "", request.Text ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(StartThread))
            .WithSummary("Ouvrir une discussion dans un canal de l'espace")
            .WithDescription("Pour ses membres et l'équipe du programme ; sujet de 150 caractères au plus, message en Markdown de 10 000 caractères au plus.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
