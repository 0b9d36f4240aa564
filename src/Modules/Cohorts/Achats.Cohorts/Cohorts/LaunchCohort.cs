using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Cohorts;

/// <summary>Launches the cohort, from its first day: its dates are then fixed, and Community opens the participants' space.</summary>
public sealed record LaunchCohort(Guid CohortId);

public static class LaunchCohortHandler
{
    /// <summary>Who is in the cohort at its launch: Community opens their space.</summary>
    public static async Task<CohortMembers> LoadAsync(LaunchCohort command, IQuerySession session, CancellationToken cancellationToken) =>
        new(await session.Query<RosterMember>()
            .Where(member => member.CohortId == command.CohortId && member.LeftAt == null)
            .Select(member => member.Id)
            .ToListAsync(cancellationToken));

    public static (CohortChanged, Events, Contracts.CohortLaunched) Handle(
        LaunchCohort command, [WriteCohort] Cohort cohort, CohortMembers members, TimeProvider time)
    {
        var launched = Decide(cohort, time.GetUtcNow());
        Events events = [launched];
        return (cohort.Changed(events), events,
            new Contracts.CohortLaunched(cohort.Id, cohort.Name, cohort.StartsOn, cohort.EndsOn, members.EnrolmentIds.ToList(), launched.LaunchedAt));
    }

    public static CohortLaunched Decide(Cohort cohort, DateTimeOffset now)
    {
        if (cohort.Phase != CohortPhase.Planned)
        {
            throw new ConflictException("Cette édition est déjà lancée.");
        }

        return now.ParisDate() < cohort.StartsOn
            ? throw new RuleViolationException("cohort-not-started",
                $"L'édition se lance à partir de son premier jour, le {FrenchDates.Long(cohort.StartsOn)}.")
            : new CohortLaunched(now);
    }
}

/// <summary>The enrolments on the cohort's roster.</summary>
public sealed record CohortMembers(IReadOnlyList<Guid> EnrolmentIds);

internal static class LaunchCohortEndpoint
{
    public static RouteHandlerBuilder MapLaunchCohort(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/launch", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(new LaunchCohort(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(LaunchCohort))
            .WithSummary("Lancer une édition")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
