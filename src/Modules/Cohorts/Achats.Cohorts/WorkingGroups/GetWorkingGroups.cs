using Achats.Cohorts.Contracts;
using Achats.Cohorts.Roster;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.WorkingGroups;

/// <summary>The cohort's working groups as they stand, with what staff should still look at.</summary>
public sealed record GetWorkingGroups(Guid CohortId);

public sealed record WorkingGroupsView(
    Guid CohortId,
    int MinSize,
    int MaxSize,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<WorkingGroupView> Groups,
    IReadOnlyList<GroupMemberView> Unassigned,
    IReadOnlyList<string> Warnings,
    int Version);

public sealed record WorkingGroupView(Guid Id, string Name, PurchaseCategory? Category, IReadOnlyList<GroupMemberView> Members);

public sealed record GroupMemberView(Guid EnrolmentId, string Name, string OrganisationName, Sector Sector, Guid? PairedWith);

public static class GetWorkingGroupsHandler
{
    public static async Task<WorkingGroupsView> Handle(GetWorkingGroups query, IQuerySession session, CancellationToken cancellationToken)
    {
        var plan = await session.LoadAsync<WorkingGroupPlan>(WorkingGroupPlan.IdOf(query.CohortId), cancellationToken)
            ?? throw new NotFoundException("Aucun groupe de travail n'est encore proposé pour cette édition.");
        return View(plan, await session.RosterOfAsync(query.CohortId, cancellationToken));
    }

    /// <summary>Groups list only the participants still in the cohort; anyone else in it and in no group is unassigned.</summary>
    public static WorkingGroupsView View(WorkingGroupPlan plan, IReadOnlyList<RosterMember> roster)
    {
        var current = roster.Where(member => member.IsMember).ToDictionary(member => member.Id);
        var placed = plan.Groups.SelectMany(group => group.Members).ToHashSet();
        return new WorkingGroupsView(plan.CohortId, plan.MinSize, plan.MaxSize, plan.PublishedAt,
            plan.Groups.Select(group => new WorkingGroupView(group.Id, group.Name, group.Category,
                group.Members.Where(current.ContainsKey).Select(id => Member(current[id])).ToList())).ToList(),
            current.Values.Where(member => !placed.Contains(member.Id)).Select(Member).ToList(),
            WorkingGroupChecks.Warnings(plan, roster),
            plan.Version);
    }

    private static GroupMemberView Member(RosterMember member) =>
        new(member.Id, member.Name, member.OrganisationName, member.Sector, member.PairedWith);
}

internal static class GetWorkingGroupsEndpoint
{
    public static RouteHandlerBuilder MapGetWorkingGroups(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapGet("/cohorts/{cohortId:guid}/working-groups", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<WorkingGroupsView>(new GetWorkingGroups(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetWorkingGroups))
            .WithSummary("Lire les groupes de travail d'une édition")
            .ProducesProblem(StatusCodes.Status404NotFound);
}
