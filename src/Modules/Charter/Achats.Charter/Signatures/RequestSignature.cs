using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Achats.Shared.Time;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>Where signing links point and how long they last (<c>Charter:PublicBaseUrl</c>, <c>Charter:SigningLinkDays</c>).</summary>
public sealed record SigningLinkSettings(string PublicBaseUrl, int Days)
{
    public const string PagePath = "/charte";

    public static SigningLinkSettings From(IConfiguration configuration) => new(
        (configuration["Charter:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/'),
        configuration.GetValue("Charter:SigningLinkDays", 14));

    public string Url(string token) => $"{PublicBaseUrl}{PagePath}/{token}";
}

/// <summary>Enrolment validated a pre-registration: open the participant's signature file and email them a personal link.</summary>
public static class RequestSignatureHandler
{
    public static async Task<OutgoingMessages> Handle(
        PreRegistrationValidated validated, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (await SignatureFiles.IdOfAsync(session, validated.EnrolmentId, cancellationToken) is not null)
        {
            return []; // a redelivery: the link was sent already
        }

        var settings = SigningLinkSettings.From(configuration);
        var requested = new SignatureRequested(Guid.CreateVersion7(), validated.EnrolmentId, validated.CohortId,
            new Signer(validated.FirstName, validated.LastName, validated.Email, validated.JobTitle, validated.OrganisationName));
        var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
        session.Events.StartStream<SignatureFile>(requested.FileId, requested, issued);
        return [SigningLinks.Email(requested.Signer, settings.Url(token), issued.ExpiresAt)];
    }
}

/// <summary>Staff send a new link (the participant lost theirs, or it expired): the old one stops working.</summary>
public sealed record IssueSigningLink(Guid EnrolmentId);

public static class IssueSigningLinkHandler
{
    public static async Task<(SigningLinkIssued, SendEmail)> Handle(
        IssueSigningLink command, IDocumentSession session, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (stream, file) = await SignatureFiles.ForWritingAsync(session, command.EnrolmentId, cancellationToken);
        if (!file.Committable)
        {
            throw new ConflictException("Cette inscription est close (retrait ou signature révoquée) : aucun lien ne lui est plus envoyé.");
        }

        var settings = SigningLinkSettings.From(configuration);
        var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
        stream.AppendMany(SigningLinks.Replace(file, issued));
        return (issued, SigningLinks.Email(file.Signer, settings.Url(token), issued.ExpiresAt));
    }
}

/// <summary>The rules of signing links, without I/O.</summary>
public static class SigningLinks
{
    public static (string Token, SigningLinkIssued Issued) Issue(DateTimeOffset now, int days)
    {
        var (token, hash) = SigningToken.New();
        return (token, new SigningLinkIssued(Guid.CreateVersion7(), hash, now.AddDays(days)));
    }

    /// <summary>A new link voids the one before it, used or not.</summary>
    public static IReadOnlyList<object> Replace(SignatureFile file, SigningLinkIssued issued) =>
        file.ActiveLink is { } active ? [new SigningLinkVoided(active.LinkId, "Remplacé par un nouveau lien."), issued] : [issued];

    public static SendEmail Email(Signer signer, string url, DateTimeOffset expiresAt) => new(
        signer.Email,
        signer.Name,
        "Signez la charte d'engagement du programme Achats circulaires et solidaires",
        $"""
        Bonjour {signer.FirstName},

        Votre pré-inscription au programme Achats circulaires et solidaires a été validée. Pour être admis·e dans
        l'édition, lisez et signez la charte d'engagement en suivant ce lien personnel, valable jusqu'au {FrenchDates.At(expiresAt)} :

        {url}

        Ce lien ne sert qu'une fois et vous est réservé : ne le transmettez pas.

        L'équipe du programme
        """);
}

public static class SigningLinkEndpoints
{
    public static IEndpointRouteBuilder MapSigningLinks(this IEndpointRouteBuilder charter)
    {
        charter.MapPost("/signatures/{enrolmentId:guid}/links", async (Guid enrolmentId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var issued = await bus.InvokeAsync<SigningLinkIssued>(new IssueSigningLink(enrolmentId), cancellationToken);
                return TypedResults.Ok(new { issued.LinkId, issued.ExpiresAt });
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(IssueSigningLink))
            .WithSummary("Envoyer un nouveau lien de signature (l'ancien ne fonctionne plus)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return charter;
    }
}
