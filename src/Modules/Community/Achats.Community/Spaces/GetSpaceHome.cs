using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.Spaces;

/// <summary>The home of a space (« Accueil »), for its visitor: the edition, its next sessions, its LinkedIn group.</summary>
public sealed record GetSpaceHome(Guid CohortId, Visitor Visitor);

public sealed record SpaceHome(
    Guid CohortId,
    string Name,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool Archived,
    IReadOnlyList<UpcomingSession> NextSessions,
    string? LinkedInGroup);

/// <summary>
/// A session still to come, in Paris time for the page (the API gives the instants). <see cref="MeetingLink"/>: only
/// to the members and staff this view is ever given to.
/// </summary>
public sealed record UpcomingSession(Guid SessionId, string Title, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Modality,
    string? MeetingLink, string? Venue);

public static class GetSpaceHomeHandler
{
    public static async Task<SpaceHome> Handle(GetSpaceHome query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var visit = await session.VisitAsync(query.CohortId, query.Visitor, cancellationToken);
        return Home(visit.Space, time.GetUtcNow());
    }

    /// <summary>The sessions not over yet and not cancelled, soonest first.</summary>
    public static SpaceHome Home(CohortSpace space, DateTimeOffset now) => new(
        space.CohortId, space.Name, space.StartsOn, space.EndsOn, space.IsArchived,
        space.Sessions.Where(session => !session.IsCancelled && session.EndsAt > now).OrderBy(session => session.StartsAt)
            .Select(session => new UpcomingSession(session.SessionId, session.Title, session.Kind, session.StartsAt, session.EndsAt, session.Modality,
                session.MeetingLink, session.Venue))
            .ToList(),
        space.LinkedInGroup);
}

internal static class GetSpaceHomeEndpoint
{
    public static RouteHandlerBuilder MapGetSpace(this IEndpointRouteBuilder community) =>
        community.MapGet("/spaces/{cohortId:guid}", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SpaceHome>(new GetSpaceHome(cohortId, Visitor.Of(http.User)), cancellationToken)))
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName(nameof(GetSpaceHome))
            .WithSummary("L'accueil de l'espace des participants d'une édition")
            .WithDescription("Pour ses membres (session ouverte par le lien de connexion reçu par courriel) et l'équipe du programme : prochaines séances, groupe LinkedIn.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
