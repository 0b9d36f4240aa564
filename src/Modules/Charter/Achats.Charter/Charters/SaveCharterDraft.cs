using System.Text.Json.Serialization;
using Achats.Shared.Access;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;
using Wolverine.Marten;

namespace Achats.Charter.Charters;

/// <summary>Staff write (or rewrite) the draft of a cohort's charter; nothing is shown to participants until it is published.</summary>
public sealed record SaveCharterDraft(Guid CohortId, string Title, string Body, IReadOnlyList<string>? Commitments)
{
    [JsonIgnore]
    public Guid CharterId => CharterStreams.CharterIdOf(CohortId);
}

internal sealed class SaveCharterDraftValidator : AbstractValidator<SaveCharterDraft>
{
    public const int MaximumCommitments = 100;

    public SaveCharterDraftValidator()
    {
        // The fingerprint joins title, body and commitments with line breaks: none inside a title or a commitment.
        RuleFor(command => command.Title).Must(title => title is null || !title.Contains('\n') && !title.Contains('\r'))
            .WithMessage("Le titre tient sur une ligne.");
        RuleForEach(command => command.Commitments).Must(commitment => commitment is null || !commitment.Contains('\n') && !commitment.Contains('\r'))
            .WithMessage("Un engagement tient sur une ligne.");
        RuleFor(command => command.Title).NotEmpty().WithMessage("Le titre de la charte est obligatoire.")
            .MaximumLength(200).WithMessage("Le titre ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.Body).NotEmpty().WithMessage("Le texte de la charte est obligatoire.")
            .MaximumLength(50_000).WithMessage("Le texte ne doit pas dépasser 50 000 caractères.");
        RuleFor(command => command.Commitments).NotEmpty().WithMessage("Listez au moins un engagement.")
            .Must(commitments => commitments is null || commitments.Count <= MaximumCommitments).WithMessage($"Une charte compte au plus {MaximumCommitments} engagements.");
        RuleForEach(command => command.Commitments).NotEmpty().WithMessage("Un engagement ne peut être vide.")
            .MaximumLength(500).WithMessage("Un engagement ne doit pas dépasser 500 caractères.");
    }
}

public static class SaveCharterDraftHandler
{
    /// <summary>The first draft starts the cohort's charter; later ones replace the draft.</summary>
    public static (CohortCharter, Events) Handle(
        SaveCharterDraft command, [WriteAggregate(nameof(SaveCharterDraft.CharterId), Required = false)] CohortCharter? charter)
    {
        var text = new CharterText(command.Title.Trim(), command.Body.Trim(), command.Commitments!.Select(commitment => commitment.Trim()).ToList());
        var saved = new CharterDraftSaved(command.CharterId, command.CohortId, text);
        return (charter is null ? CohortCharter.Create(saved) : charter.Apply(saved), [saved]);
    }
}

internal static class SaveCharterDraftEndpoint
{
    public static RouteHandlerBuilder MapSaveCharterDraft(this IEndpointRouteBuilder charter) =>
        charter.MapPut("/cohorts/{cohortId:guid}/draft", async (Guid cohortId, SaveCharterDraft command, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                await bus.RequireCohortAsync(cohortId, cancellationToken);
                return TypedResults.Ok(await bus.InvokeAsync<CohortCharter>(command with { CohortId = cohortId }, cancellationToken));
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(SaveCharterDraft))
            .WithSummary("Rédiger le brouillon de la charte d'une édition")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
