using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>Staff remove a resource from its session; a file's bytes are deleted in the same transaction.</summary>
public sealed record RemoveResource(Guid CohortId, Guid ResourceId, Visitor Visitor);

public static class RemoveResourceHandler
{
    public const string NotFound = "Cette ressource n'existe pas dans cet espace, ou a déjà été retirée.";

    public static async Task Handle(RemoveResource command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        SessionMaterial.StaffVisit(await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(command.CohortId), cancellationToken), command.Visitor);
        var material = await ResourceLookup.OfResourceAsync(session, command.CohortId, command.ResourceId, cancellationToken)
            ?? throw new NotFoundException(NotFound);
        var (visit, stream) = await SessionMaterial.OpenForStaffAsync(session, command.CohortId, material.SessionId, command.Visitor, cancellationToken);
        var resource = stream.Aggregate?.Resource(command.ResourceId) ?? throw new NotFoundException(NotFound);
        stream.AppendOne(new ResourceRemoved(resource.ResourceId, visit.Actor(), clock.GetUtcNow()));
        if (!resource.IsLink)
        {
            ResourceFiles.Delete(session, resource.ResourceId);
        }
    }
}

/// <summary>Which session's material holds a resource of the space (a handful of sessions per cohort).</summary>
internal static class ResourceLookup
{
    public static async Task<SessionResources?> OfResourceAsync(IQuerySession session, Guid cohortId, Guid resourceId, CancellationToken cancellationToken) =>
        (await session.Query<SessionResources>().Where(material => material.CohortId == cohortId).ToListAsync(cancellationToken))
        .FirstOrDefault(material => material.Resource(resourceId) is not null);
}

internal static class RemoveResourceEndpoint
{
    public static RouteHandlerBuilder MapRemoveResource(this IEndpointRouteBuilder community) =>
        community.MapDelete("/spaces/{cohortId:guid}/resources/{resourceId:guid}",
                async (Guid cohortId, Guid resourceId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                {
                    await bus.InvokeAsync(new RemoveResource(cohortId, resourceId, Visitor.Of(http.User)), cancellationToken);
                    return TypedResults.NoContent();
                })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(RemoveResource))
            .WithSummary("Retirer une ressource d'une séance")
            .WithDescription("Équipe du programme : le document ou le lien est retiré ; les octets d'un fichier sont effacés.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
