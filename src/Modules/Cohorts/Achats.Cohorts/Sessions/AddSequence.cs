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

/// <summary>Adds a titled sequence at the end of the cohort's programme.</summary>
public sealed record AddSequence(Guid CohortId, string Title);

internal sealed class AddSequenceValidator : AbstractValidator<AddSequence>
{
    public AddSequenceValidator() =>
        RuleFor(command => command.Title).NotEmpty().WithMessage("Le titre de la séquence est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre ne doit pas dépasser 200 caractères.");
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

internal static class AddSequenceEndpoint
{
    public static RouteHandlerBuilder MapAddSequence(this IEndpointRouteBuilder cohorts) =>
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
}
