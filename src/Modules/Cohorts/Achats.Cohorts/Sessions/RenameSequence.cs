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

/// <summary>Gives one of the cohort's sequences a new title; its sessions stay in it.</summary>
public sealed record RenameSequence(Guid CohortId, Guid SequenceId, string Title);

internal sealed class RenameSequenceValidator : AbstractValidator<RenameSequence>
{
    public RenameSequenceValidator()
    {
        RuleFor(command => command.SequenceId).NotEmpty().WithMessage("Indiquez la séquence à renommer.");
        RuleFor(command => command.Title).NotEmpty().WithMessage("Le titre de la séquence est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre ne doit pas dépasser 200 caractères.");
    }
}

public static class RenameSequenceHandler
{
    public static (CohortChanged, Events) Handle(RenameSequence command, [WriteCohort] Cohort cohort)
    {
        Events events = [.. Decide(cohort, command)];
        return (cohort.Changed(events), events);
    }

    /// <summary>The same title again changes nothing; another sequence's title is refused, as when adding one.</summary>
    public static IReadOnlyList<SequenceRenamed> Decide(Cohort cohort, RenameSequence command)
    {
        cohort.EnsureOpenForChanges();
        var sequence = cohort.Sequences.SingleOrDefault(sequence => sequence.Id == command.SequenceId)
            ?? throw new NotFoundException("Aucune séquence de cette édition ne porte cet identifiant.");
        var title = command.Title.Trim();
        if (title == sequence.Title)
        {
            return [];
        }

        return cohort.Sequences.Any(other => other.Id != sequence.Id && string.Equals(other.Title, title, StringComparison.OrdinalIgnoreCase))
            ? throw new ConflictException($"L'édition a déjà une séquence « {title} ».")
            : [new SequenceRenamed(sequence.Id, title)];
    }
}

internal static class RenameSequenceEndpoint
{
    public static RouteHandlerBuilder MapRenameSequence(this IEndpointRouteBuilder cohorts) =>
        cohorts.MapPut("/cohorts/{cohortId:guid}/sequences/{sequenceId:guid}", async (
                Guid cohortId, Guid sequenceId, RenameSequence command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CohortChanged>(command with { CohortId = cohortId, SequenceId = sequenceId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RenameSequence))
            .WithSummary("Renommer une séquence")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
