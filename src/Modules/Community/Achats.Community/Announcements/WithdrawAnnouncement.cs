using Achats.Community.Spaces;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Announcements;

/// <summary>Staff withdraw an announcement: members no longer read it; its events stay.</summary>
public sealed record WithdrawAnnouncement(Guid CohortId, Guid AnnouncementId, Visitor Visitor);

public static class WithdrawAnnouncementHandler
{
    public static async Task Handle(WithdrawAnnouncement command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (visit, stream) = await AnnouncementRules.OpenAsync(session, command.CohortId, command.AnnouncementId, null, command.Visitor, cancellationToken);
        stream.AppendOne(new AnnouncementWithdrawn(Resources.SessionMaterial.Actor(visit), clock.GetUtcNow()));
    }
}

internal static class WithdrawAnnouncementEndpoint
{
    public static RouteHandlerBuilder MapWithdrawAnnouncement(this IEndpointRouteBuilder community) =>
        community.MapDelete("/spaces/{cohortId:guid}/announcements/{announcementId:guid}",
                async (Guid cohortId, Guid announcementId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                {
                    await bus.InvokeAsync(new WithdrawAnnouncement(cohortId, announcementId, Visitor.Of(http.User)), cancellationToken);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(WithdrawAnnouncement))
            .WithSummary("Retirer une annonce")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
