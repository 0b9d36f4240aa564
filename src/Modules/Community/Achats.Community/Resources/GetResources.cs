using Achats.Catalogue.Contracts;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Resources;

/// <summary>The Ressources of a space, for its visitor: each session, most recent first, with its material.</summary>
public sealed record GetResources(Guid CohortId, Visitor Visitor);

public sealed record SpaceResources(Guid CohortId, IReadOnlyList<SessionMaterialView> Sessions);

/// <summary>A session and what is attached to it; <see cref="Preparation"/> in Markdown.</summary>
public sealed record SessionMaterialView(Guid SessionId, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Cancelled,
    IReadOnlyList<SessionResource> Resources, string Preparation, IReadOnlyList<PresentedSolution> Solutions);

public static class GetResourcesHandler
{
    public static async Task<SpaceResources> Handle(GetResources query, IQuerySession session, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        var material = await session.Query<SessionResources>().Where(kept => kept.CohortId == query.CohortId).ToListAsync(cancellationToken);
        return Resources(visit.Space, material);
    }

    /// <summary>Every session of the space, most recent first, with its material (none yet: empty lists).</summary>
    public static SpaceResources Resources(CohortSpace space, IEnumerable<SessionResources> material)
    {
        var bySession = material.ToDictionary(kept => kept.SessionId);
        return new SpaceResources(space.CohortId, space.Sessions.OrderByDescending(session => session.StartsAt)
            .Select(session => bySession.GetValueOrDefault(session.SessionId) is { } kept
                ? new SessionMaterialView(session.SessionId, session.Title, session.Kind, session.StartsAt, session.EndsAt, session.IsCancelled,
                    kept.Resources, kept.Preparation, kept.Solutions)
                : new SessionMaterialView(session.SessionId, session.Title, session.Kind, session.StartsAt, session.EndsAt, session.IsCancelled, [], "", []))
            .ToList());
    }
}

internal static class GetResourcesEndpoint
{
    public static RouteHandlerBuilder MapGetResources(this IEndpointRouteBuilder community) =>
        community.MapGet("/spaces/{cohortId:guid}/resources", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SpaceResources>(new GetResources(cohortId, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetResources))
            .WithSummary("Les ressources des séances d'une édition")
            .WithDescription("Pour ses membres et l'équipe du programme : documents, liens, ce qu'il faut préparer, solutions présentées, séance par séance.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
