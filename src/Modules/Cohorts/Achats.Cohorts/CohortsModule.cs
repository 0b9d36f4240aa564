using Achats.Cohorts.Cohorts;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts;

/// <summary>The Cohorts module's wiring: the Host calls these and nothing else of the module.</summary>
public static class CohortsModule
{
    public static StoreOptions ConfigureCohorts(this StoreOptions options)
    {
        options.Events.MapEventType<CohortPlanned>("cohorts.cohort_planned");
        return options;
    }

    public static WolverineOptions ConfigureCohorts(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(CohortsModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapCohortsModule(this IEndpointRouteBuilder app)
    {
        var cohorts = app.MapGroup("/api/cohorts/v1").WithTags("Éditions");
        cohorts.MapPlanCohort();
        cohorts.MapGetCohort();
        return app;
    }
}
