using Achats.Shared.Email;
using Achats.Shared.Messaging;
using Achats.Shared.Time;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Charter.Signatures;

/// <summary>
/// A new version was published: every participant who signed an earlier one is sent a new link and asked
/// to sign within the grace period (<c>Charter:ResignatureGraceDays</c>, 30 by default); one still waiting
/// to sign gets a fresh link to the version now published.
/// </summary>
public sealed record AskToSignAgain(Guid CohortId, Guid VersionId, int VersionNumber);

public static class AskToSignAgainHandler
{
    /// <summary>A participant may be signing at that very moment: try again on the fresh streams.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.RetryOnConcurrentAppend();

    public static async Task<OutgoingMessages> Handle(
        AskToSignAgain command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var settings = SigningLinkSettings.From(configuration);
        var graceDays = GraceDays(configuration);
        var fileIds = await session.Query<SignatureFile>().Where(file => file.CohortId == command.CohortId)
            .Select(file => file.Id).ToListAsync(cancellationToken);
        var emails = new OutgoingMessages();
        foreach (var fileId in fileIds)
        {
            var stream = await session.Events.FetchForWriting<SignatureFile>(fileId, cancellationToken);
            if (stream.Aggregate is not { } file)
            {
                continue; // found by the query, so never: the stream is the file
            }

            if (MustSignAgain(file, command.VersionNumber))
            {
                // The new link lasts the grace period: its expiry is the deadline.
                var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), graceDays);
                stream.AppendMany([.. SigningLinks.Replace(file, issued), new ResignatureRequested(command.VersionId, command.VersionNumber, issued.ExpiresAt)]);
                emails.Add(Email(file.Signer, command.VersionNumber, settings.Url(token), issued.ExpiresAt));
            }
            else if (file is { Committable: true, SignedVersion: null })
            {
                var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
                stream.AppendMany(SigningLinks.Replace(file, issued));
                emails.Add(SigningLinks.Email(file.Signer, settings.Url(token), issued.ExpiresAt));
            }
        }

        return emails;
    }

    /// <summary>How long a participant has to sign a new version: the link they are sent lasts as long.</summary>
    public static int GraceDays(IConfiguration configuration) => configuration.GetValue("Charter:ResignatureGraceDays", 30);

    /// <summary>Committed (signed, still in the cohort, not revoked) and behind the new version.</summary>
    public static bool MustSignAgain(SignatureFile file, int versionNumber) =>
        file is { Committable: true, SignedVersion: { } signed } && signed < versionNumber;

    private static SendEmail Email(Signer signer, int versionNumber, string url, DateTimeOffset deadline) => new(
        signer.Email,
        signer.Name,
        $"Nouvelle version de la charte d'engagement : signez la version {versionNumber}",
        $"""
        Bonjour {signer.FirstName},

        L'équipe du programme Achats circulaires et solidaires a publié la version {versionNumber} de la charte
        d'engagement de votre édition. Merci de la relire et de la signer avant le {FrenchDates.Short(deadline.ParisDate())} :

        {url}

        Ce lien personnel ne sert qu'une fois : ne le transmettez pas.

        L'équipe du programme
        """);
}
