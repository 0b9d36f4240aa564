using Achats.Charter.Charters;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Time;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>
/// Staff record a signature given on paper (the current version, signed on a date, with a note): a
/// distinct event, and the same admission as an online signature. The participant's link stops working.
/// </summary>
public sealed record RecordPaperSignature(Guid EnrolmentId, DateOnly? SignedOn, string SignerName, string Role, string Note);

internal sealed class RecordPaperSignatureValidator : AbstractValidator<RecordPaperSignature>
{
    public RecordPaperSignatureValidator()
    {
        RuleFor(command => command.SignedOn).NotNull().WithMessage("La date de la signature sur papier est obligatoire.");
        RuleFor(command => command.SignerName).NotEmpty().WithMessage("Le nom du ou de la signataire est obligatoire.")
            .MaximumLength(200).WithMessage("Le nom ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.Role).NotEmpty().WithMessage("La fonction du ou de la signataire est obligatoire.")
            .MaximumLength(200).WithMessage("La fonction ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.Note).NotEmpty().WithMessage("Une note est obligatoire : où est conservé l'original, qui l'a reçu.")
            .MaximumLength(2000).WithMessage("La note ne doit pas dépasser 2000 caractères.");
    }
}

public static class RecordPaperSignatureHandler
{
    public static async Task<(CharterSignedOnPaper, Contracts.CharterSigned)> Handle(
        RecordPaperSignature command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var (stream, file) = await SignatureFiles.ForWritingAsync(session, command.EnrolmentId, cancellationToken);
        var charter = await session.CharterOfAsync(file.CohortId, cancellationToken);
        if (command.SignedOn > time.TodayInParis())
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.SignedOn), "La date de signature ne peut être dans le futur.")]);
        }

        var events = Decide(file, charter?.Current, command, time.GetUtcNow());
        stream.AppendMany(events);
        var signed = events.OfType<CharterSignedOnPaper>().Single();
        return (signed, new Contracts.CharterSigned(file.EnrolmentId, signed.VersionId, signed.Fingerprint, signed.RecordedAt));
    }

    public static IReadOnlyList<object> Decide(SignatureFile file, CharterVersion? current, RecordPaperSignature command, DateTimeOffset now)
    {
        if (current is null)
        {
            throw new RuleViolationException("charter-not-published", "La charte de cette édition n'est pas encore publiée.");
        }

        if (!file.Committable)
        {
            throw new ConflictException("Cette inscription est close (retrait ou signature révoquée).");
        }

        if (file.SignedVersion == current.Number)
        {
            throw new ConflictException($"La version {current.Number} de la charte est déjà signée.");
        }

        var signed = new CharterSignedOnPaper(current.Id, current.Number, current.Fingerprint, command.SignedOn!.Value,
            command.SignerName.Trim(), command.Role.Trim(), command.Note.Trim(), now);
        return file.ActiveLink is { Used: false } link
            ? [new SigningLinkVoided(link.LinkId, "Signature reçue sur papier."), signed]
            : [signed];
    }
}

internal static class RecordPaperSignatureEndpoint
{
    public static RouteHandlerBuilder MapRecordPaperSignature(this IEndpointRouteBuilder charter) =>
        charter.MapPost("/signatures/{enrolmentId:guid}/paper", async (Guid enrolmentId, RecordPaperSignature command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CharterSignedOnPaper>(command with { EnrolmentId = enrolmentId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RecordPaperSignature))
            .WithSummary("Enregistrer une signature de la charte reçue sur papier")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
