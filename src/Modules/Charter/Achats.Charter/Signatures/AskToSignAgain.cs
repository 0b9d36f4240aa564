using Achats.Shared.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using Wolverine;
using Wolverine.Runtime.Handlers;

namespace Achats.Charter.Signatures;

/// <summary>
/// A new version was published: every participant who signed an earlier one is sent a new link and asked
/// to sign within the grace period (<c>Charter:ResignatureGraceDays</c>, 30 by default); one validated and still
/// waiting to sign (for the first publication, with no link yet) gets a link to the version now published.
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
                emails.Add(CharterEmails.SignNewVersion(file.Signer, settings, command.VersionNumber, token, issued.ExpiresAt));
            }
            else if (file is { Committable: true, SignedVersion: null })
            {
                // Validated before this publication: their first link, or a fresh one to the version now current.
                var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
                stream.AppendMany(SigningLinks.Replace(file, issued));
                emails.Add(CharterEmails.CharterPublished(file.Signer, settings, command.VersionNumber, file.ActiveLink is not null, token, issued.ExpiresAt));
            }
        }

        return emails;
    }

    /// <summary>How long a participant has to sign a new version: the link they are sent lasts as long.</summary>
    public static int GraceDays(IConfiguration configuration) => configuration.GetValue("Charter:ResignatureGraceDays", 30);

    /// <summary>Committed (signed, still in the cohort, not revoked) and behind the new version.</summary>
    public static bool MustSignAgain(SignatureFile file, int versionNumber) =>
        file is { Committable: true, SignedVersion: { } signed } && signed < versionNumber;
}
