using Achats.Charter.Charters;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Messaging;
using FluentValidation;
using Marten;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>The participant signs through their link, having typed their name and role and confirmed they may commit their organisation.</summary>
public sealed record SignCharter(string Token, Guid VersionId, string TypedName, string Role, bool AuthorisedToCommit)
{
    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }
}

internal sealed class SignCharterValidator : AbstractValidator<SignCharter>
{
    public SignCharterValidator()
    {
        RuleFor(command => command.TypedName).NotEmpty().WithMessage("Saisissez votre prénom et votre nom.")
            .MaximumLength(200).WithMessage("Le nom ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.Role).NotEmpty().WithMessage("Indiquez votre fonction dans la structure.")
            .MaximumLength(200).WithMessage("La fonction ne doit pas dépasser 200 caractères.");
        RuleFor(command => command.AuthorisedToCommit).Equal(true)
            .WithMessage("Confirmez que vous êtes autorisé·e à engager votre structure.");
    }
}

public static class SignCharterHandler
{

    public static async Task<(CharterSignatureRecorded, Contracts.CharterSigned)> Handle(
        SignCharter command, IDocumentSession session, IMessageContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await FileOfAsync(session, command.Token, cancellationToken);
        var stream = found is null ? null : await session.Events.FetchForWriting<SignatureFile>(found.Id, cancellationToken);
        // Decided on the stream as it is now: a link replaced meanwhile no longer opens it.
        var file = stream?.Aggregate is { } current && current.ActiveTokenHash == SigningToken.HashOf(command.Token) ? current : null;
        var charter = file is null ? null : await session.CharterOfAsync(file.CohortId, cancellationToken);
        var signed = Decide(file, charter?.Current, command, time.GetUtcNow());
        // Whoever holds the personal link is the participant: their events, and the admission they cause, say so.
        ActorRelay.ActAs(context, session, Actor.ParticipantOf(file!.EnrolmentId));
        stream!.AppendOne(signed);
        return (signed, new Contracts.CharterSigned(file!.EnrolmentId, signed.VersionId, signed.Fingerprint, signed.SignedAt));
    }

    /// <summary>
    /// A usable link, and the version the signer read still the current one; the fingerprint recorded is
    /// computed again from the text signed and must match the one frozen at publication.
    /// </summary>
    public static CharterSignatureRecorded Decide(SignatureFile? file, CharterVersion? current, SignCharter command, DateTimeOffset now)
    {
        if (StateOf(file, now) is var state and not SigningLinkState.Usable)
        {
            throw new RuleViolationException($"signing-link-{state.ToString().ToLowerInvariant()}", Explain(state));
        }

        if (!file!.Committable)
        {
            throw new RuleViolationException("signing-link-invalid", "Cette inscription est close : la charte ne se signe plus.");
        }

        if (current is null)
        {
            throw new RuleViolationException("charter-not-published", "La charte de votre édition n'est pas encore publiée : vous recevrez un nouveau lien.");
        }

        if (current.Id != command.VersionId)
        {
            throw new ConflictException("Une nouvelle version de la charte vient d'être publiée : relisez-la avant de signer.");
        }

        var fingerprint = current.Text.Fingerprint();
        if (fingerprint != current.Fingerprint)
        {
            throw new InvalidOperationException($"Charter version {current.Id} no longer matches its published fingerprint.");
        }

        return new CharterSignatureRecorded(current.Id, current.Number, fingerprint, now, command.TypedName.Trim(), command.Role.Trim(),
            command.AuthorisedToCommit, command.IpAddress, command.UserAgent, file!.ActiveLink!.LinkId);
    }

    /// <summary>What the participant is told about a link that cannot be signed with: the one wording, page and API alike.</summary>
    public static string Explain(SigningLinkState state) => state switch
    {
        SigningLinkState.Invalid => "Ce lien de signature n'est pas valide : il a peut-être été remplacé par un plus récent. Demandez un nouveau lien à l'équipe du programme.",
        SigningLinkState.Expired => "Ce lien de signature a expiré. Demandez un nouveau lien à l'équipe du programme.",
        SigningLinkState.Used => "Ce lien a déjà servi : la charte est signée.",
        _ => "",
    };

    public static SigningLinkState StateOf(SignatureFile? file, DateTimeOffset now) => file?.ActiveLink switch
    {
        null => SigningLinkState.Invalid,
        { Used: true } => SigningLinkState.Used,
        { } link when link.ExpiresAt <= now => SigningLinkState.Expired,
        _ => SigningLinkState.Usable,
    };

    internal static async Task<SignatureFile?> FileOfAsync(IQuerySession session, string token, CancellationToken cancellationToken)
    {
        var hash = SigningToken.HashOf(token);
        return await session.Query<SignatureFile>().SingleOrDefaultAsync(file => file.ActiveTokenHash == hash, cancellationToken);
    }
}
