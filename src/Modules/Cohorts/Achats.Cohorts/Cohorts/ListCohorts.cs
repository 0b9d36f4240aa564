using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Shared.Web;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Cohorts;

/// <summary>Lists every cohort, the latest first.</summary>
public sealed record ListCohorts;

public static class ListCohortsHandler
{
    public static async Task<IReadOnlyList<CohortView>> Handle(ListCohorts query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInParis();
        var cohorts = await session.Query<Cohort>().OrderByDescending(cohort => cohort.StartsOn).ToListAsync(cancellationToken);
        return cohorts.Select(cohort => GetCohortHandler.View(cohort, today)).ToList();
    }

    /// <summary>The cohorts as the layout's selector offers them.</summary>
    public static async Task<IReadOnlyList<CohortChoice>> Handle(ListCohortChoices query, IQuerySession session, CancellationToken cancellationToken) =>
        (await session.Query<Cohort>().OrderByDescending(cohort => cohort.StartsOn).Select(cohort => new { cohort.Id, cohort.Name }).ToListAsync(cancellationToken))
        .Select(cohort => new CohortChoice(cohort.Id, cohort.Name)).ToList();
}

internal static class ListCohortsEndpoint
{
    public static RouteHandlerBuilder MapListCohorts(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapGet("/cohorts", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<CohortView>>(new ListCohorts(), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(ListCohorts))
            .WithSummary("Lister les éditions");
}
