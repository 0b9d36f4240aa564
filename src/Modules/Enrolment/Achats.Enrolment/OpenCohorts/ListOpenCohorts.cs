using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment.OpenCohorts;

/// <summary>The cohorts whose registration window includes today (Paris), soonest start first.</summary>
public sealed record ListOpenCohorts;

public static class ListOpenCohortsHandler
{
    public static async Task<IReadOnlyList<OpenCohort>> Handle(
        ListOpenCohorts query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.TodayInParis();
        return await session.Query<OpenCohort>()
            .Where(cohort => cohort.RegistrationOpensOn <= today && cohort.RegistrationClosesOn >= today)
            .OrderBy(cohort => cohort.StartsOn)
            .ThenBy(cohort => cohort.Name)
            .ToListAsync(cancellationToken);
    }
}

internal static class ListOpenCohortsEndpoint
{
    public static RouteHandlerBuilder MapListOpenCohorts(this IEndpointRouteBuilder enrolment) =>
        enrolment.MapGet("/open-cohorts", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<OpenCohort>>(new ListOpenCohorts(), cancellationToken)))
            .AllowAnonymous() // the pre-registration form shows them to the public
            .WithName(nameof(ListOpenCohorts))
            .WithSummary("Lister les éditions ouvertes aux inscriptions");
}
