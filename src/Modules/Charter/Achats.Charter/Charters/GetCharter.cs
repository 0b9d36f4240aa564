using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Charters;

/// <summary>A cohort's charter as staff see it: the draft and every published version.</summary>
public sealed record GetCharter(Guid CohortId);

public static class GetCharterHandler
{
    public static async Task<CohortCharter> Handle(GetCharter query, IQuerySession session, CancellationToken cancellationToken) =>
        await session.CharterOfAsync(query.CohortId, cancellationToken)
        ?? throw new NotFoundException("Aucune charte n'a encore été rédigée pour cette édition.");
}

internal static class GetCharterEndpoint
{
    public static RouteHandlerBuilder MapGetCharter(this IEndpointRouteBuilder charter) =>
        charter.MapGet("/cohorts/{cohortId:guid}", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortCharter>(new GetCharter(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetCharter))
            .WithSummary("Consulter la charte d'une édition : brouillon et versions publiées")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
