using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>A visitor of the space downloads a document attached to one of its sessions.</summary>
public sealed record DownloadResource(Guid CohortId, Guid ResourceId, Visitor Visitor);

/// <summary>The file: its original name, the type read from its bytes, the bytes.</summary>
public sealed record ResourceDownload(string FileName, string ContentType, byte[] Content);

public static class DownloadResourceHandler
{
    public static async Task<ResourceDownload> Handle(DownloadResource query, IQuerySession session, CancellationToken cancellationToken)
    {
        await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        var resource = (await ResourceLookup.OfResourceAsync(session, query.CohortId, query.ResourceId, cancellationToken))?.Resource(query.ResourceId);
        if (resource is not { IsLink: false, FileName: { } fileName, ContentType: { } contentType }
            || await ResourceFiles.ReadAsync(session, resource.ResourceId, cancellationToken) is not { } content)
        {
            throw new NotFoundException(RemoveResourceHandler.NotFound);
        }

        return new ResourceDownload(fileName, contentType, content);
    }
}

internal static class DownloadResourceEndpoint
{
    /// <summary>The page's address (<c>/espace/{cohortId}/ressources/{resourceId}</c>) and the API's answer the same way.</summary>
    public static void MapDownloadResource(this IEndpointRouteBuilder app, IEndpointRouteBuilder community)
    {
        app.MapGet("/espace/{cohortId:guid}/ressources/{resourceId:guid}", DownloadAsync)
            .RequireAuthorization(Policies.SpaceVisitor)
            .ExcludeFromDescription();
        community.MapGet("/spaces/{cohortId:guid}/resources/{resourceId:guid}", DownloadAsync)
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(DownloadResource))
            .WithSummary("Télécharger un document joint à une séance")
            .WithDescription("Pour les membres de l'édition et l'équipe du programme : le fichier, sous son nom d'origine.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DownloadAsync(Guid cohortId, Guid resourceId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken)
    {
        var download = await bus.InvokeAsync<ResourceDownload>(new DownloadResource(cohortId, resourceId, Visitor.Of(http.User)), cancellationToken);
        // Never shown in the site's pages: the browser saves it under its name, with the type its bytes were found to be.
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(download.Content, download.ContentType, download.FileName);
    }
}
