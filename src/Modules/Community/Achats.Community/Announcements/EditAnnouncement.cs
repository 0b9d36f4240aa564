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

/// <summary>Staff change an announcement, at the version they read (409 if someone changed it meanwhile).</summary>
public sealed record EditAnnouncement(Guid CohortId, Guid AnnouncementId, int Version, string Title, string Text, Visitor Visitor);

internal sealed class EditAnnouncementValidator : AbstractValidator<EditAnnouncement>
{
    public EditAnnouncementValidator()
    {
        RuleFor(command => command.Version).GreaterThan(0).WithMessage("Indiquez la version de l'annonce que vous avez lue.");
        AnnouncementRules.TitleAndText(this, command => command.Title, command => command.Text);
    }
}

public static class EditAnnouncementHandler
{
    public static async Task<AnnouncementAnswer> Handle(EditAnnouncement command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (visit, stream) = await AnnouncementRules.OpenAsync(session, command.CohortId, command.AnnouncementId, command.Version, command.Visitor, cancellationToken);
        var (title, text) = (command.Title.Trim(), command.Text.Trim());
        if (title == stream.Aggregate!.Title && text == stream.Aggregate.Text)
        {
            return new AnnouncementAnswer(command.AnnouncementId, stream.Aggregate.Version);
        }

        stream.AppendOne(new AnnouncementEdited(title, text, visit.Actor(), clock.GetUtcNow()));
        return new AnnouncementAnswer(command.AnnouncementId, stream.Aggregate.Version + 1);
    }
}

internal static class EditAnnouncementEndpoint
{
    public static RouteHandlerBuilder MapEditAnnouncement(this IEndpointRouteBuilder community) =>
        community.MapPut("/spaces/{cohortId:guid}/announcements/{announcementId:guid}",
                async (Guid cohortId, Guid announcementId, AnnouncementRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                    TypedResults.Ok(await bus.InvokeAsync<AnnouncementAnswer>(new EditAnnouncement(cohortId, announcementId, request.Version ?? 0,
                        request.Title ?? "", request.Text ?? "", Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(EditAnnouncement))
            .WithSummary("Modifier une annonce")
            .WithDescription("Équipe du programme : titre, texte et la version lue (409 si l'annonce a changé entre-temps).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
