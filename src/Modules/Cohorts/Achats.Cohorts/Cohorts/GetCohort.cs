using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Cohorts;

/// <summary>Reads one cohort as its events tell it.</summary>
public sealed record GetCohort(Guid CohortId);

public static class GetCohortHandler
{
    public static Task<Cohort?> Handle(GetCohort query, IQuerySession session, CancellationToken cancellationToken) =>
        session.Events.AggregateStreamAsync<Cohort>(query.CohortId, token: cancellationToken);
}

public static class GetCohortEndpoint
{
    public static RouteHandlerBuilder MapGetCohort(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapGet("/cohorts/{cohortId:guid}", async Task<Results<Ok<Cohort>, ProblemHttpResult>> (
                Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
            await bus.InvokeAsync<Cohort?>(new GetCohort(cohortId), cancellationToken) is { } cohort
                ? TypedResults.Ok(cohort)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Aucune édition ne porte cet identifiant."))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetCohort))
            .WithSummary("Lire une édition");
}
