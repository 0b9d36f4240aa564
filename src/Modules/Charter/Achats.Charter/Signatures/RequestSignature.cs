using Achats.Enrolment.Contracts;
using Marten;
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
