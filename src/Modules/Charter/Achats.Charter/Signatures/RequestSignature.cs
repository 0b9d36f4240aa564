using Achats.Charter.Charters;
using Achats.Enrolment.Contracts;
using Achats.Shared.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Charter.Signatures;

/// <summary>
/// Enrolment validated a pre-registration: open the participant's signature file and tell them. With a published
/// charter, the email holds their personal link; before the first publication, no link is issued (it would open on
/// nothing to sign): the email says the link will follow, and <see cref="AskToSignAgain"/> sends it at publication.
/// </summary>
public static class RequestSignatureHandler
{
    public static async Task<OutgoingMessages> Handle(
        PreRegistrationValidated validated, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await SignatureFiles.IdOfAsync(session, validated.EnrolmentId, cancellationToken) is not null)
        {
            return []; // a redelivery: the participant was told already
        }

        var settings = SigningLinkSettings.From(configuration);
        var requested = new SignatureRequested(Guid.CreateVersion7(), validated.EnrolmentId, validated.CohortId,
            new Signer(validated.FirstName, validated.LastName, validated.Email, validated.JobTitle, validated.OrganisationName));
        if ((await session.CharterOfAsync(validated.CohortId, cancellationToken))?.Current is null)
        {
            session.Events.StartStream<SignatureFile>(requested.FileId, requested);
            return [CharterEmails.ValidatedCharterToCome(requested.Signer, settings), new OfferSigningLink(validated.EnrolmentId)];
        }

        var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
        session.Events.StartStream<SignatureFile>(requested.FileId, requested, issued);
        return [CharterEmails.ValidatedSignCharter(requested.Signer, settings, token, issued.ExpiresAt)];
    }
}

/// <summary>
/// Looks again, once the new file is stored, for a version published meanwhile: a publication whose round of links
/// (<see cref="AskToSignAgain"/>) read the files just before this one was stored would otherwise never send its link.
/// </summary>
public sealed record OfferSigningLink(Guid EnrolmentId);

public static class OfferSigningLinkHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<OutgoingMessages> Handle(
        OfferSigningLink command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (stream, file) = await SignatureFiles.ForWritingAsync(session, command.EnrolmentId, cancellationToken);
        // Never sent a link, still to sign: only then was it missed (the publication's round sends it otherwise).
        if (file is not { ActiveLink: null, Committable: true, SignedVersion: null }
            || (await session.CharterOfAsync(file.CohortId, cancellationToken))?.Current is not { } current)
        {
            return [];
        }

        var settings = SigningLinkSettings.From(configuration);
        var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
        stream.AppendOne(issued);
        return [CharterEmails.CharterPublished(file.Signer, settings, current.Number, replacesEarlierLink: false, token, issued.ExpiresAt)];
    }
}
