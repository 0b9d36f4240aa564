using Achats.Cohorts.Cohorts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Wolverine.Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Cohorts.Sessions;

/// <summary>Adds a titled sequence at the end of the cohort's programme.</summary>
public sealed record AddSequence(Guid CohortId, string Title);

/// <summary>Puts the cohort's sequences in a new order: every one of them, once.</summary>
public sealed record ReorderSequences(Guid CohortId, IReadOnlyList<Guid> Order);

public sealed class AddSequenceValidator : AbstractValidator<AddSequence>
{
    public AddSequenceValidator() =>
        RuleFor(command => command.Title).NotEmpty().WithMessage("Le titre de la séquence est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre ne doit pas dépasser 200 caractères.");
}

public sealed class ReorderSequencesValidator : AbstractValidator<ReorderSequences>
{
    public ReorderSequencesValidator() =>
        RuleFor(command => command.Order).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Donnez l'ordre des séquences.")
            .Must(order => order.Distinct().Count() == order.Count).WithMessage("Chaque séquence ne figure qu'une fois dans l'ordre.");
}

public static class AddSequenceHandler
{
    public static (CohortChanged, Events) Handle(AddSequence command, [WriteCohort] Cohort cohort)
    {
        var added = Decide(cohort, command, Guid.CreateVersion7());
        Events events = [added];
        return (cohort.Changed(events) with { CreatedId = added.SequenceId }, events);
    }

    public static SequenceAdded Decide(Cohort cohort, AddSequence command, Guid sequenceId)
    {
        cohort.EnsureOpenForChanges();
        var title = command.Title.Trim();
        return cohort.Sequences.Any(sequence => string.Equals(sequence.Title, title, StringComparison.OrdinalIgnoreCase))
            ? throw new ConflictException($"L'édition a déjà une séquence « {title} ».")
            : new SequenceAdded(sequenceId, title);
    }
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

public static class SequenceEndpoints
{
    public static IEndpointRouteBuilder MapSequences(this IEndpointRouteBuilder cohorts)
    {
        cohorts.MapPost("/cohorts/{cohortId:guid}/sequences", async (Guid cohortId, AddSequence command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var changed = await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken);
                return TypedResults.Created($"/api/cohorts/v1/cohorts/{cohortId}", changed);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(AddSequence))
            .WithSummary("Ajouter une séquence")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        cohorts.MapPut("/cohorts/{cohortId:guid}/sequences/order", async (Guid cohortId, ReorderSequences command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(ReorderSequences))
            .WithSummary("Réordonner les séquences")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return cohorts;
    }
}
