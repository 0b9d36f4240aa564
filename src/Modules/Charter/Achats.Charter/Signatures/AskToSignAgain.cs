using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Time;
using Achats.Shared.Messaging;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
        var graceDays = configuration.GetValue("Charter:ResignatureGraceDays", 30);
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

/// <summary>Charter hears when a participant leaves the cohort: they are no longer asked to sign.</summary>
public static class StopAskingOnWithdrawalHandler
{
    public static async Task Handle(EnrolmentWithdrawn withdrawn, IDocumentSession session, CancellationToken cancellationToken)
    {
        // Withdrawn before validation, the participant never had a file: nothing to follow.
        if (await SignatureFiles.IdOfAsync(session, withdrawn.EnrolmentId, cancellationToken) is not { } fileId)
        {
            return;
        }

        var stream = await session.Events.FetchForWriting<SignatureFile>(fileId, cancellationToken);
        if (stream.Aggregate is { Left: false } file)
        {
            // Gone from the cohort: the link stops working too.
            stream.AppendMany(file.ActiveLink is { Used: false } link
                ? [new ParticipantLeft(withdrawn.Reason), new SigningLinkVoided(link.LinkId, "Inscription retirée.")]
                : [new ParticipantLeft(withdrawn.Reason)]);
        }
    }
}

/// <summary>For staff: who has signed the current version, who is asked to sign again, and who let the deadline pass.</summary>
public sealed record GetResignatureReport(Guid CohortId);

public sealed record ResignatureLine(
    Guid EnrolmentId, string Name, string Organisation, int? SignedVersion, int? AskedVersion, DateTimeOffset? Deadline, bool Lapsed);

public sealed record ResignatureReport(int? CurrentVersion, int UpToDate, int Pending, int Lapsed, IReadOnlyList<ResignatureLine> Participants);

public static class GetResignatureReportHandler
{
    public static async Task<ResignatureReport> Handle(GetResignatureReport query, IQuerySession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var charter = await Charters.CharterStreams.CharterOfAsync(session, query.CohortId, cancellationToken);
        var files = await session.Query<SignatureFile>().Where(file => file.CohortId == query.CohortId).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var lines = files.Where(file => file is { Committable: true, SignedVersion: not null })
            .Select(file => new ResignatureLine(file.EnrolmentId, file.Signer.Name, file.Signer.OrganisationName, file.SignedVersion,
                file.PendingResignature?.VersionNumber, file.PendingResignature?.Deadline, file.PendingResignature is { } pending && pending.Deadline < now))
            .OrderBy(line => line.Name)
            .ToList();
        return new ResignatureReport(charter?.Current?.Number,
            lines.Count(line => line.SignedVersion == charter?.Current?.Number),
            lines.Count(line => line.AskedVersion is not null && !line.Lapsed),
            lines.Count(line => line.Lapsed),
            lines);
    }
}

public static class ResignatureReportEndpoint
{
    public static RouteHandlerBuilder MapResignatureReport(this IEndpointRouteBuilder charter) =>
        charter.MapGet("/cohorts/{cohortId:guid}/signatures", async (Guid cohortId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<ResignatureReport>(new GetResignatureReport(cohortId), cancellationToken)))
            .RequireAuthorization(Policies.ReadProgramme)
            .WithName(nameof(GetResignatureReport))
            .WithSummary("Signatures des participants admis : à jour, en attente d'une nouvelle signature, délai dépassé");
}
