using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Cohorts.Sessions;

/// <summary>Puts the cohort's sequences in a new order: every one of them, once.</summary>
public sealed record ReorderSequences(Guid CohortId, IReadOnlyList<Guid> Order);

internal sealed class ReorderSequencesValidator : AbstractValidator<ReorderSequences>
{
    public ReorderSequencesValidator() =>
        RuleFor(command => command.Order).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Donnez l'ordre des séquences.")
            .Must(order => order.Count <= 500).WithMessage("Une édition compte au plus 500 séquences.")
            .Must(order => order.Distinct().Count() == order.Count).WithMessage("Chaque séquence ne figure qu'une fois dans l'ordre.");
}

public static class ReorderSequencesHandler
{
    public static (CohortChanged, Events) Handle(ReorderSequences command, [WriteCohort] Cohort cohort)
    {
        Events events = [Decide(cohort, command)];
        return (cohort.Changed(events), events);
    }

    public static SequencesReordered Decide(Cohort cohort, ReorderSequences command)
    {
        cohort.EnsureOpenForChanges();
        var known = cohort.Sequences.Select(sequence => sequence.Id).ToHashSet();
        return known.SetEquals(command.Order) && command.Order.Count == known.Count
            ? new SequencesReordered(command.Order)
            : throw new RuleViolationException("incomplete-order", "L'ordre doit citer chaque séquence de l'édition, une fois, et elles seules.");
    }
}

internal static class ReorderSequencesEndpoint
{
    public static RouteHandlerBuilder MapReorderSequences(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/sequences/order", async (Guid cohortId, ReorderSequences command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ReorderSequences))
            .WithSummary("Réordonner les séquences")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
