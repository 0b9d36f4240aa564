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

public sealed class RecordPaperSignatureValidator : AbstractValidator<RecordPaperSignature>
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

/// <summary>The participant revokes their signature (told to staff, who record it with the reason): they leave the cohort.</summary>
public sealed record RevokeSignature(Guid EnrolmentId, string Reason);

public sealed class RevokeSignatureValidator : AbstractValidator<RevokeSignature>
{
    public RevokeSignatureValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif de la révocation est obligatoire.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
    }
}

public static class RevokeSignatureHandler
{
    public static async Task<(SignatureRevoked, Contracts.CharterSignatureRevoked)> Handle(
        RevokeSignature command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var (stream, file) = await SignatureFiles.ForWritingAsync(session, command.EnrolmentId, cancellationToken);
        var revoked = Decide(file, command, time.GetUtcNow());
        stream.AppendMany(RevokeSignatureHandler.Events(file, revoked));
        return (revoked, new Contracts.CharterSignatureRevoked(file.EnrolmentId, revoked.Reason, revoked.RevokedAt));
    }

    public static SignatureRevoked Decide(SignatureFile file, RevokeSignature command, DateTimeOffset now) =>
        file switch
        {
            { SignedVersion: null } => throw new ConflictException("Ce participant n'a pas encore signé la charte."),
            { Revocation: not null } => throw new ConflictException("Cette signature est déjà révoquée."),
            _ => new SignatureRevoked(command.Reason.Trim(), now),
        };

    /// <summary>Revoking stops the link too: nothing more is signed with it.</summary>
    public static IReadOnlyList<object> Events(SignatureFile file, SignatureRevoked revoked) =>
        file.ActiveLink is { Used: false } link ? [revoked, new SigningLinkVoided(link.LinkId, "Signature révoquée.")] : [revoked];
}

public static class SignatureFiles
{
    /// <summary>
    /// A participant's file, loaded to append to it. Appends always go through <c>FetchForWriting</c>: with
    /// quick append, a bare <c>Events.Append</c> leaves the inline document's version behind.
    /// </summary>
    /// <remarks>
    /// Commands name the enrolment (or carry the link's token), not the file's stream id, so Wolverine's aggregate
    /// workflow cannot load it from the command: the file is found by query, then fetched for writing here.
    /// </remarks>
    public static async Task<(JasperFx.Events.IEventStream<SignatureFile> Stream, SignatureFile File)> ForWritingAsync(
        IDocumentSession session, Guid enrolmentId, CancellationToken cancellationToken) =>
        await IdOfAsync(session, enrolmentId, cancellationToken) is { } id
            && await session.Events.FetchForWriting<SignatureFile>(id, cancellationToken) is { Aggregate: { } file } stream
            ? (stream, file)
            : throw new NotFoundException("Aucune demande de signature pour cette inscription : la pré-inscription a-t-elle été validée ?");

    /// <summary>The participant's file, or null before their pre-registration was validated.</summary>
    public static async Task<Guid?> IdOfAsync(IQuerySession session, Guid enrolmentId, CancellationToken cancellationToken)
    {
        var ids = await session.Query<SignatureFile>().Where(file => file.EnrolmentId == enrolmentId).Select(file => file.Id)
            .ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}

public static class SignatureEndpoints
{
    public static IEndpointRouteBuilder MapSignatures(this IEndpointRouteBuilder charter)
    {
        charter.MapPost("/signatures/{enrolmentId:guid}/paper", async (Guid enrolmentId, RecordPaperSignature command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<CharterSignedOnPaper>(command with { EnrolmentId = enrolmentId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RecordPaperSignature))
            .WithSummary("Enregistrer une signature de la charte reçue sur papier")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        charter.MapPost("/signatures/{enrolmentId:guid}/revocation", async (Guid enrolmentId, RevokeSignature command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SignatureRevoked>(command with { EnrolmentId = enrolmentId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RevokeSignature))
            .WithSummary("Enregistrer la révocation de sa signature par un participant (il quitte l'édition)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return charter;
    }
}
