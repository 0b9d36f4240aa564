using Achats.Cohorts.Contracts;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Community.MyProject;

/// <summary>
/// « Mon projet »: a member reads, declares and updates their purchasing projects through the contract Cohorts owns
/// (<see cref="DeclareOwnProject"/>, <see cref="UpdateOwnProject"/>, <see cref="GetOwnProjects"/>); Community writes
/// none of it. The enrolment is the visit's, checked first: never the request's.
/// </summary>
public static class MyProjects
{
    public const string MembersOnly = "« Mon projet » est la page de chaque participant·e : l'équipe du programme suit les projets dans l'espace de pilotage.";

    /// <summary>The visiting member's enrolment, once the door let them in (staff: 403); to write, a space not archived.</summary>
    public static async Task<Guid> EnrolmentOfAsync(IMessageBus bus, Guid cohortId, Visitor visitor, bool toWrite, CancellationToken cancellationToken)
    {
        var visit = await bus.InvokeAsync<SpaceVisit>(new VisitSpace(cohortId, visitor), cancellationToken);
        var member = visit.Member ?? throw new ForbiddenException(MembersOnly);
        if (toWrite)
        {
            visit.EnsureMayWrite();
        }

        return member.EnrolmentId;
    }
}

/// <summary>A project as the API takes it: <see cref="Version"/> is the one read, for an update.</summary>
public sealed record MyProjectRequest(
    string? Title, PurchaseCategory? Category, IReadOnlyList<Theme>? Themes, DateOnly? ExpectedProcedureOn, Milestone? Milestone, string? Notes, int Version = 0);

internal static class MyProjectEndpoints
{
    public static IEndpointRouteBuilder MapMyProject(this IEndpointRouteBuilder community)
    {
        community.MapGet("/spaces/{cohortId:guid}/my-projects", async (Guid cohortId, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var enrolmentId = await MyProjects.EnrolmentOfAsync(bus, cohortId, Visitor.Of(http.User), toWrite: false, cancellationToken);
                return TypedResults.Ok(await bus.InvokeAsync<OwnProjects>(new GetOwnProjects(cohortId, enrolmentId), cancellationToken));
            })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName("GetMyProjects")
            .WithSummary("Mes projets d'achat (ceux que je porte, seul·e ou en binôme)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        community.MapPost("/spaces/{cohortId:guid}/my-projects", async (
                Guid cohortId, MyProjectRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var enrolmentId = await MyProjects.EnrolmentOfAsync(bus, cohortId, Visitor.Of(http.User), toWrite: true, cancellationToken);
                var saved = await bus.InvokeAsync<OwnProjectSaved>(new DeclareOwnProject(cohortId, enrolmentId, request.Title ?? "", request.Category,
                    request.Themes, request.ExpectedProcedureOn, request.Milestone, request.Notes), cancellationToken);
                return TypedResults.Created($"/api/community/v1/spaces/{cohortId}/my-projects", saved);
            })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName("DeclareMyProject")
            .WithSummary("Déclarer mon projet d'achat")
            .WithDescription("Intitulé, catégorie, enjeux, date prévue de la procédure, étape, notes : le projet est enregistré par le module des éditions.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        community.MapPut("/spaces/{cohortId:guid}/my-projects/{projectId:guid}", async (
                Guid cohortId, Guid projectId, MyProjectRequest request, HttpContext http, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var enrolmentId = await MyProjects.EnrolmentOfAsync(bus, cohortId, Visitor.Of(http.User), toWrite: true, cancellationToken);
                return TypedResults.Ok(await bus.InvokeAsync<OwnProjectSaved>(new UpdateOwnProject(cohortId, enrolmentId, projectId, request.Version,
                    request.Title ?? "", request.Category, request.Themes, request.ExpectedProcedureOn, request.Milestone, request.Notes), cancellationToken));
            })
            .RequireAuthorization(Policies.SpaceVisitor)
            .WithName("UpdateMyProject")
            .WithSummary("Mettre à jour mon projet d'achat")
            .WithDescription("Avec la version lue (`version`) : une mise à jour faite sur une version dépassée est refusée (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return community;
    }
}
