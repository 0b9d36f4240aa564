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

/// <summary>
/// Staff move a participant to another group, or out of every group (<paramref name="ToGroupId"/> null). Their
/// binôme moves with them: pairs stay together. A participant admitted after the proposal is placed the same way.
/// </summary>
public sealed record MoveToWorkingGroup(Guid CohortId, Guid EnrolmentId, Guid? ToGroupId)
{
    [JsonIgnore]
    public Guid PlanId => WorkingGroupPlan.IdOf(CohortId);
}

internal sealed class MoveToWorkingGroupValidator : AbstractValidator<MoveToWorkingGroup>
{
    public MoveToWorkingGroupValidator() =>
        RuleFor(command => command.EnrolmentId).NotEmpty().WithMessage("Indiquez le participant à déplacer.");
}

public static class MoveToWorkingGroupHandler
{
    public static Task<IReadOnlyList<RosterMember>> LoadAsync(MoveToWorkingGroup command, IQuerySession session, CancellationToken cancellationToken) =>
        session.RosterOfAsync(command.CohortId, cancellationToken);

    public static (WorkingGroupsView, Events) Handle(
        MoveToWorkingGroup command, [WritePlan(nameof(MoveToWorkingGroup.PlanId))] WorkingGroupPlan plan, IReadOnlyList<RosterMember> roster)
    {
        var moved = Decide(plan, roster, command);
        return (GetWorkingGroupsHandler.View(plan.Apply(moved) with { Version = plan.Version + 1 }, roster), [moved]);
    }

    public static WorkingGroupMembersMoved Decide(WorkingGroupPlan plan, IReadOnlyList<RosterMember> roster, MoveToWorkingGroup command)
    {
        if (command.ToGroupId is { } target && plan.Groups.All(group => group.Id != target))
        {
            throw new NotFoundException("Aucun groupe de travail de cette édition ne porte cet identifiant.");
        }

        var member = roster.FirstOrDefault(candidate => candidate.Id == command.EnrolmentId && candidate.IsMember)
            ?? throw new RuleViolationException("not-on-roster", "Seul un participant inscrit dans l'édition rejoint un groupe de travail.");
        IReadOnlyList<Guid> moving = member.PairedWith is { } partner ? [member.Id, partner] : [member.Id];
        return moving.All(id => plan.GroupOf(id)?.Id == command.ToGroupId)
            ? throw new ConflictException(command.ToGroupId is null ? "Ce participant n'est dans aucun groupe." : "Ce participant est déjà dans ce groupe.")
            : new WorkingGroupMembersMoved(moving, command.ToGroupId);
    }
}

internal static class MoveToWorkingGroupEndpoint
{
    public static RouteHandlerBuilder MapMoveToWorkingGroup(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPost("/cohorts/{cohortId:guid}/working-groups/moves", async (
                Guid cohortId, MoveToWorkingGroup command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<WorkingGroupsView>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(MoveToWorkingGroup))
            .WithSummary("Déplacer un participant (et son binôme) vers un groupe de travail")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
