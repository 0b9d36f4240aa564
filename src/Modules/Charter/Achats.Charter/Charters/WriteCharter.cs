using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using System.Text.Json.Serialization;
using Marten;
using Wolverine.Marten;
using Wolverine.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Charters;

/// <summary>Staff write (or rewrite) the draft of a cohort's charter; nothing is shown to participants until it is published.</summary>
public sealed record SaveCharterDraft(Guid CohortId, string Title, string Body, IReadOnlyList<string>? Commitments)
{
    [JsonIgnore]
    public Guid CharterId => CharterStreams.CharterIdOf(CohortId);
}

public sealed class SaveCharterDraftValidator : AbstractValidator<SaveCharterDraft>
{
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
        RuleFor(command => command.Commitments).NotEmpty().WithMessage("Listez au moins un engagement.");
        RuleForEach(command => command.Commitments).NotEmpty().WithMessage("Un engagement ne peut être vide.")
            .MaximumLength(500).WithMessage("Un engagement ne doit pas dépasser 500 caractères.");
    }
}

/// <summary>Staff publish the draft: its text and fingerprint are frozen as the cohort's new current version.</summary>
public sealed record PublishCharterVersion(Guid CohortId)
{
    [JsonIgnore]
    public Guid CharterId => CharterStreams.CharterIdOf(CohortId);
}

public static class SaveCharterDraftHandler
{
    /// <summary>The first draft starts the cohort's charter; later ones replace the draft.</summary>
    public static (Charter, Events) Handle(
        SaveCharterDraft command, [WriteAggregate(nameof(SaveCharterDraft.CharterId), Required = false)] Charter? charter)
    {
        var text = new CharterText(command.Title.Trim(), command.Body.Trim(), command.Commitments!.Select(commitment => commitment.Trim()).ToList());
        var saved = new CharterDraftSaved(command.CharterId, command.CohortId, text);
        return (charter is null ? Charter.Create(saved) : charter.Apply(saved), [saved]);
    }
}

public static class PublishCharterVersionHandler
{
    public static (CharterVersion, Events, Signatures.AskToSignAgain) Handle(
        PublishCharterVersion command,
        [WriteAggregate(nameof(PublishCharterVersion.CharterId), OnMissing = OnMissing.ThrowException,
            MissingMessage = "Aucune charte n'a encore été rédigée pour cette édition.")] Charter charter,
        TimeProvider time)
    {
        var published = Publish(charter, Guid.CreateVersion7(), time.GetUtcNow());
        // Whoever signed an earlier version while in the cohort is asked to sign this one.
        return (published.Version, [published], new Signatures.AskToSignAgain(command.CohortId, published.Version.Id, published.Version.Number));
    }

    /// <summary>The draft becomes version n+1, its fingerprint computed once and frozen with it.</summary>
    public static CharterVersionPublished Publish(Charter charter, Guid versionId, DateTimeOffset now)
    {
        var draft = charter.Draft ?? throw new ConflictException("Il n'y a pas de brouillon à publier : enregistrez d'abord le texte de la nouvelle version.");
        return new CharterVersionPublished(new CharterVersion(versionId, charter.Versions.Count + 1, draft, draft.Fingerprint(), now));
    }
}

/// <summary>A cohort's charter as staff see it: the draft and every published version.</summary>
public sealed record GetCharter(Guid CohortId);

public static class GetCharterHandler
{
    public static async Task<Charter> Handle(GetCharter query, IQuerySession session, CancellationToken cancellationToken) =>
        await session.CharterOfAsync(query.CohortId, cancellationToken)
        ?? throw new NotFoundException("Aucune charte n'a encore été rédigée pour cette édition.");
}

public static class CharterEndpoints
{
    public static IEndpointRouteBuilder MapCharters(this IEndpointRouteBuilder charter)
    {
        charter.MapPut("/cohorts/{cohortId:guid}/draft", async (Guid cohortId, SaveCharterDraft command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<Charter>(command with { CohortId = cohortId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(SaveCharterDraft))
            .WithSummary("Rédiger le brouillon de la charte d'une édition")
            .ProducesValidationProblem();
        charter.MapPost("/cohorts/{cohortId:guid}/versions", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var version = await bus.InvokeAsync<CharterVersion>(new PublishCharterVersion(cohortId), cancellationToken);
                return TypedResults.Created($"/api/charter/v1/cohorts/{cohortId}", version);
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(PublishCharterVersion))
            .WithSummary("Publier le brouillon comme nouvelle version de la charte")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        charter.MapGet("/cohorts/{cohortId:guid}", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<Charter>(new GetCharter(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetCharter))
            .WithSummary("Consulter la charte d'une édition : brouillon et versions publiées")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return charter;
    }
}
