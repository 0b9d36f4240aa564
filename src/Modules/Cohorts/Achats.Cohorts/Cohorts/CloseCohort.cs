using Achats.Shared.Access;
using Achats.Shared.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>Closes a launched cohort: its programme becomes history.</summary>
public sealed record CloseCohort(Guid CohortId);

public static class CloseCohortHandler
{
    public static (CohortChanged, Events, Contracts.CohortClosed) Handle(CloseCohort command, [WriteCohort] Cohort cohort, TimeProvider time)
    {
        var closed = Decide(cohort, time.GetUtcNow());
        Events events = [closed];
        return (cohort.Changed(events), events, new Contracts.CohortClosed(command.CohortId, closed.ClosedAt));
    }

    public static CohortClosed Decide(Cohort cohort, DateTimeOffset now) => cohort.Phase switch
    {
        CohortPhase.Planned => throw new RuleViolationException("cohort-not-launched", "Une édition se clôt après son lancement."),
        CohortPhase.Closed => throw new ConflictException("Cette édition est déjà close."),
        _ => new CohortClosed(now),
    };
}

internal static class CloseCohortEndpoint
{
    public static RouteHandlerBuilder MapCloseCohort(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/closure", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(new CloseCohort(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(CloseCohort))
            .WithSummary("Clore une édition")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
