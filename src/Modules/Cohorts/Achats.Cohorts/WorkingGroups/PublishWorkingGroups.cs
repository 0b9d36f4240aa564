using System.Text.Json.Serialization;
using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.WorkingGroups;

/// <summary>Publishes the groups as they stand: participants and Community hear of them.</summary>
public sealed record PublishWorkingGroups(Guid CohortId)
{
    [JsonIgnore]
    public Guid PlanId => WorkingGroupPlan.IdOf(CohortId);
}

public static class PublishWorkingGroupsHandler
{
    public static Task<IReadOnlyList<RosterMember>> LoadAsync(PublishWorkingGroups command, IQuerySession session, CancellationToken cancellationToken) =>
        session.RosterOfAsync(command.CohortId, cancellationToken);

    public static (WorkingGroupsView, Events, Contracts.WorkingGroupsPublished) Handle(
        PublishWorkingGroups command, [WritePlan(nameof(PublishWorkingGroups.PlanId))] WorkingGroupPlan plan, IReadOnlyList<RosterMember> roster,
        TimeProvider time)
    {
        if (plan.PublishedAt is not null)
        {
            throw new ConflictException("Ces groupes sont déjà publiés tels quels.");
        }

        var published = new WorkingGroupsPublishedOn(time.GetUtcNow());
        var current = roster.Where(member => member.IsMember).Select(member => member.Id).ToHashSet();
        return (GetWorkingGroupsHandler.View(plan.Apply(published) with { Version = plan.Version + 1 }, roster), [published],
            new Contracts.WorkingGroupsPublished(command.CohortId,
                plan.Groups.Select(group => new Contracts.PublishedWorkingGroup(group.Id, group.Name, group.Category?.ToString(),
                    group.Members.Where(current.Contains).ToList())).ToList(),
                published.PublishedAt));
    }
}

internal static class PublishWorkingGroupsEndpoint
{
    public static RouteHandlerBuilder MapPublishWorkingGroups(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/working-groups/publication", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<WorkingGroupsView>(new PublishWorkingGroups(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(PublishWorkingGroups))
            .WithSummary("Publier les groupes de travail")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
