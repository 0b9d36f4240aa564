using System.Text.Json.Serialization;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
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

/// <summary>
/// Proposes working groups for the cohort from its participants' purchasing projects: by purchase
/// category, mixing public and private buyers, binômes together, each group within the sizes given.
/// A new proposal replaces the previous one and its adjustments.
/// </summary>
public sealed record ProposeWorkingGroups(Guid CohortId, int MinSize, int MaxSize)
{
    [JsonIgnore]
    public Guid PlanId => WorkingGroupPlan.IdOf(CohortId);
}

internal sealed class ProposeWorkingGroupsValidator : AbstractValidator<ProposeWorkingGroups>
{
    public ProposeWorkingGroupsValidator()
    {
        RuleFor(command => command.MinSize).GreaterThanOrEqualTo(2).WithMessage("Un groupe compte au moins 2 participants.");
        RuleFor(command => command.MaxSize).GreaterThanOrEqualTo(command => command.MinSize)
            .WithMessage("La taille maximale ne peut être inférieure à la taille minimale.")
            .LessThanOrEqualTo(50).WithMessage("Un groupe de travail compte au plus 50 participants.");
    }
}

public static class ProposeWorkingGroupsHandler
{
    /// <summary>The cohort (null when unknown), its participants and their projects. Wolverine runs this before the validator.</summary>
    public static async Task<(Cohort?, IReadOnlyList<RosterMember>, IReadOnlyList<PurchasingProject>)> LoadAsync(
        ProposeWorkingGroups command, IQuerySession session, CancellationToken cancellationToken) =>
        (await session.LoadAsync<Cohort>(command.CohortId, cancellationToken),
            await session.RosterOfAsync(command.CohortId, cancellationToken),
            await session.Query<PurchasingProject>().Where(project => project.CohortId == command.CohortId).ToListAsync(cancellationToken));

    /// <summary>The first proposal starts the plan's stream; a new one replaces the plan.</summary>
    public static (WorkingGroupsView, Events) Handle(
        ProposeWorkingGroups command, Cohort? cohort, IReadOnlyList<RosterMember> roster, IReadOnlyList<PurchasingProject> projects,
        [WriteAggregate(nameof(ProposeWorkingGroups.PlanId), Required = false)] WorkingGroupPlan? previous)
    {
        _ = cohort ?? throw new NotFoundException(CohortStreams.NotFound);
        var proposed = Decide(command, roster, projects);
        var plan = WorkingGroupPlan.Create(proposed) with { Version = (previous?.Version ?? 0) + 1 };
        return (GetWorkingGroupsHandler.View(plan, roster), [proposed]);
    }

    public static WorkingGroupsProposed Decide(ProposeWorkingGroups command, IReadOnlyList<RosterMember> roster, IReadOnlyList<PurchasingProject> projects)
    {
        var members = roster.Where(member => member.IsMember).ToList();
        if (members.Count == 0)
        {
            throw new RuleViolationException("empty-roster", "Personne n'est encore admis dans cette édition : il n'y a pas de groupe à former.");
        }

        var candidates = members
            .Select(member => new GroupCandidate(member.Id, member.PairedWith, member.Sector, CategoryOf(member, projects)))
            .ToList();
        var proposal = WorkingGroupProposer.Propose(candidates, command.MinSize, command.MaxSize);
        var groups = proposal.Groups.GroupBy(group => group.Category)
            .SelectMany(category => category.Select((group, index) => new WorkingGroup(Guid.CreateVersion7(),
                $"{(category.Key is { } key ? PurchaseLabels.Of(key) : "Plusieurs catégories")} — groupe {index + 1}", group.Category, group.Members)))
            .ToList();
        return new WorkingGroupsProposed(WorkingGroupPlan.IdOf(command.CohortId), command.CohortId, command.MinSize, command.MaxSize, groups);
    }

    /// <summary>The category most of the participant's projects share; the earliest declared breaks a tie. None without a project.</summary>
    public static PurchaseCategory? CategoryOf(RosterMember member, IReadOnlyList<PurchasingProject> projects) =>
        projects.Where(project => project.Owners.Contains(member.Id))
            .OrderBy(project => project.DeclaredAt)
            .GroupBy(project => project.Details.Category)
            .OrderByDescending(category => category.Count())
            .Select(category => (PurchaseCategory?)category.Key)
            .FirstOrDefault();
}

internal static class ProposeWorkingGroupsEndpoint
{
    public static RouteHandlerBuilder MapProposeWorkingGroups(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/working-groups/proposal", async (
                Guid cohortId, ProposeWorkingGroups command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<WorkingGroupsView>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ProposeWorkingGroups))
            .WithSummary("Proposer des groupes de travail")
            .WithDescription("Par catégorie d'achat des projets, en mêlant acheteurs publics et privés, binômes ensemble, entre une taille minimale et maximale.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
