using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>The participant revokes their signature through the link they signed with: they leave the cohort.</summary>
public sealed record RevokeOwnSignature(string Token, string Reason);

internal sealed class RevokeOwnSignatureValidator : AbstractValidator<RevokeOwnSignature>
{
    public RevokeOwnSignatureValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Dites-nous en quelques mots pourquoi vous révoquez votre signature.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
    }
}

public static class RevokeOwnSignatureHandler
{
    public static async Task<(SignatureRevoked, Contracts.CharterSignatureRevoked)> Handle(
        RevokeOwnSignature command, IDocumentSession session, IMessageContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await SignCharterHandler.FileOfAsync(session, command.Token, cancellationToken)
            ?? throw new RuleViolationException("signing-link-invalid", "Ce lien n'est pas valide : demandez à l'équipe du programme d'enregistrer votre révocation.");
        var stream = await session.Events.FetchForWriting<SignatureFile>(found.Id, cancellationToken);
        var file = stream.Aggregate!;
        var revoked = RevokeSignatureHandler.Decide(file, new RevokeSignature(file.EnrolmentId, command.Reason), time.GetUtcNow());
        SignCharterHandler.ActAsParticipant(context, session, file.EnrolmentId);
        // The link opened the signature; revoked, it opens nothing more.
        stream.AppendMany([revoked, new SigningLinkVoided(file.ActiveLink!.LinkId, "Signature révoquée.")]);
        return (revoked, new Contracts.CharterSignatureRevoked(file.EnrolmentId, revoked.Reason, revoked.RevokedAt));
    }
}
