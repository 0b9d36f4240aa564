using Achats.Enrolment.OpenCohorts;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Enrolment;

/// <summary>The Enrolment module's wiring: the Host calls these and nothing else of the module.</summary>
public static class EnrolmentModule
{
    public const string Schema = "enrolment";

    public static StoreOptions ConfigureEnrolment(this StoreOptions options)
    {
        options.Schema.For<OpenCohort>().DatabaseSchemaName(Schema);
        return options;
    }

    public static WolverineOptions ConfigureEnrolment(this WolverineOptions options)
    {
        options.Discovery.IncludeAssembly(typeof(EnrolmentModule).Assembly);
        return options;
    }

    public static IEndpointRouteBuilder MapEnrolmentModule(this IEndpointRouteBuilder app)
    {
        var enrolment = app.MapGroup("/api/enrolment/v1").WithTags("Inscriptions");
        enrolment.MapListOpenCohorts();
        return app;
    }
}
