using Achats.Community.Resources;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Announcements;

/// <summary>The announcements of a space still up, newest first, for its visitor.</summary>
public sealed record GetAnnouncements(Guid CohortId, Visitor Visitor);

/// <summary>What a session's participants should prepare (Markdown, empty: nothing), for a visitor of its space.</summary>
public sealed record GetPreparation(Guid CohortId, Guid SessionId, Visitor Visitor);

public sealed record SpaceAnnouncements(IReadOnlyList<Announcement> Announcements);

public sealed record SessionPreparation(string Text);

public static class GetAnnouncementsHandler
{
    public static async Task<SpaceAnnouncements> Handle(GetAnnouncements query, IQuerySession session, CancellationToken cancellationToken)
    {
        await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        return new SpaceAnnouncements(await session.Query<Announcement>()
            .Where(announcement => announcement.CohortId == query.CohortId && announcement.WithdrawnAt == null)
            .OrderByDescending(announcement => announcement.PostedAt).ThenByDescending(announcement => announcement.Id)
            .ToListAsync(cancellationToken));
    }

    public static async Task<SessionPreparation> Handle(GetPreparation query, IQuerySession session, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        return new SessionPreparation(visit.Space.Sessions.Any(known => known.SessionId == query.SessionId)
            ? (await session.LoadAsync<SessionResources>(SessionResources.IdOf(query.SessionId), cancellationToken))?.Preparation ?? ""
            : "");
    }
}

internal static class GetAnnouncementsEndpoint
{
    public static RouteHandlerBuilder MapGetAnnouncements(this IEndpointRouteBuilder community) =>
        community.MapGet("/spaces/{cohortId:guid}/announcements", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SpaceAnnouncements>(new GetAnnouncements(cohortId, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetAnnouncements))
            .WithSummary("Les annonces de l'équipe dans l'espace")
            .WithDescription("Pour ses membres et l'équipe du programme : les annonces en cours, les plus récentes d'abord (texte en Markdown).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
