using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>
/// The participant, signed in as the address their signature file names, revokes their signature: they leave the
/// cohort. The page sends the address of the session (<c>ParticipantSession.EmailClaim</c>), never one typed in.
/// </summary>
public sealed record RevokeOwnSignature(Guid EnrolmentId, string Email, string Reason);

internal sealed class RevokeOwnSignatureValidator : AbstractValidator<RevokeOwnSignature>
{
    public RevokeOwnSignatureValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Dites-nous en quelques mots pourquoi vous révoquez votre signature.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
        RuleFor(command => command.Email).NotEmpty().WithMessage("Connectez-vous avec le lien reçu par courriel pour révoquer votre signature.")
            .MaximumLength(254).WithMessage("L'adresse électronique ne doit pas dépasser 254 caractères.");
    }
}

public static class RevokeOwnSignatureHandler
{
    public static async Task<(SignatureRevoked, Contracts.CharterSignatureRevoked)> Handle(
        RevokeOwnSignature command, IDocumentSession session, IMessageContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var fileId = await SignatureFiles.IdOfAsync(session, command.EnrolmentId, cancellationToken);
        var stream = fileId is { } id ? await session.Events.FetchForWriting<SignatureFile>(id, cancellationToken) : null;
        if (stream?.Aggregate is not { } file || !GetOwnSignatureHandler.Owns(file, command.Email))
        {
            throw GetOwnSignatureHandler.Unknown; // unknown or someone else's: the same answer
        }

        var revoked = RevokeSignatureHandler.Decide(file, new RevokeSignature(file.EnrolmentId, command.Reason), time.GetUtcNow());
        ActorRelay.ActAs(context, session, Actor.ParticipantOf(file.EnrolmentId));
        stream.AppendMany(RevokeSignatureHandler.Events(file, revoked));
        return (revoked, new Contracts.CharterSignatureRevoked(file.EnrolmentId, revoked.Reason, revoked.RevokedAt));
    }
}

/// <summary>A participant's own signature file, for their page: only when it names the address they signed in with.</summary>
public sealed record GetOwnSignature(Guid EnrolmentId, string Email);

public static class GetOwnSignatureHandler
{
    /// <summary>Someone else's file answers as an unknown one: nothing tells that it exists.</summary>
    internal static NotFoundException Unknown => new("Aucune signature de la charte ne correspond à cette inscription.");

    public static async Task<SignatureFile> Handle(GetOwnSignature query, IQuerySession session, CancellationToken cancellationToken) =>
        await session.Query<SignatureFile>().FirstOrDefaultAsync(file => file.EnrolmentId == query.EnrolmentId, cancellationToken) is { } file
        && Owns(file, query.Email)
            ? file
            : throw Unknown;

    /// <summary>The session's address (lower-cased) against the one the participant pre-registered with.</summary>
    internal static bool Owns(SignatureFile file, string email) =>
        email.Length > 0 && string.Equals(file.Signer.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
