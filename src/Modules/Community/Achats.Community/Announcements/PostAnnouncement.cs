using Achats.Community.Resources;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Announcements;

/// <summary>Programme staff post an announcement to a space: a title, a text in Markdown; Accueil shows it, newest first.</summary>
public sealed record PostAnnouncement(Guid CohortId, string Title, string Text, Visitor Visitor);

/// <summary>The body of an announcement through the API (post and edit); the visitor comes from the request.</summary>
public sealed record AnnouncementRequest(string Title, string Text, int? Version);

/// <summary>The announcement posted or changed, at its new version.</summary>
public sealed record AnnouncementAnswer(Guid AnnouncementId, int Version);

internal sealed class PostAnnouncementValidator : AbstractValidator<PostAnnouncement>
{
    public PostAnnouncementValidator() => AnnouncementRules.TitleAndText(this, command => command.Title, command => command.Text);
}

public static class PostAnnouncementHandler
{
    public static async Task<AnnouncementAnswer> Handle(PostAnnouncement command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var visit = SessionMaterial.StaffVisit(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(command.CohortId), cancellationToken), command.Visitor);
        var posted = new AnnouncementPosted(Guid.CreateVersion7(), command.CohortId, command.Title.Trim(), command.Text.Trim(), visit.Actor(), clock.GetUtcNow());
        session.Events.StartStream<Announcement>(posted.AnnouncementId, posted);
        return new AnnouncementAnswer(posted.AnnouncementId, 1);
    }
}

internal static class PostAnnouncementEndpoint
{
    public static RouteHandlerBuilder MapPostAnnouncement(this IEndpointRouteBuilder community) =>
        community.MapPost("/spaces/{cohortId:guid}/announcements",
                async (Guid cohortId, AnnouncementRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                {
                    var posted = await bus.InvokeAsync<AnnouncementAnswer>(
                        new PostAnnouncement(cohortId, request.Title ?? "", request.Text ?? "", Visitor.Of(http.User)), cancellationToken);
                    return TypedResults.Created($"/api/community/v1/spaces/{cohortId}/announcements/{posted.AnnouncementId}", posted);
                })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(PostAnnouncement))
            .WithSummary("Publier une annonce dans l'espace")
            .WithDescription("Équipe du programme : un titre (150 caractères) et un texte en Markdown (5 000 caractères), montrés sur l'accueil de l'espace.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
