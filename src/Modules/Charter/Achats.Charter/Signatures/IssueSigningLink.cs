using Achats.Charter.Charters;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Wolverine;

namespace Achats.Charter.Signatures;

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

        if ((await session.CharterOfAsync(file.CohortId, cancellationToken))?.Current is null)
        {
            // A link now would open on nothing to sign: it leaves on its own at publication.
            throw new RuleViolationException("charter-not-published",
                "La charte de cette édition n'est pas encore publiée : le lien de signature partira à sa publication.");
        }

        var settings = SigningLinkSettings.From(configuration);
        var (token, issued) = SigningLinks.Issue(time.GetUtcNow(), settings.Days);
        stream.AppendMany(SigningLinks.Replace(file, issued));
        return (issued, CharterEmails.NewSigningLink(file.Signer, settings, token, issued.ExpiresAt));
    }
}

internal static class IssueSigningLinkEndpoint
{
    public static RouteHandlerBuilder MapIssueSigningLink(this IEndpointRouteBuilder charter) =>
        charter.MapPost("/signatures/{enrolmentId:guid}/links", async (Guid enrolmentId, IMessageBus bus, CancellationToken cancellationToken) =>
            {
                var issued = await bus.InvokeAsync<SigningLinkIssued>(new IssueSigningLink(enrolmentId), cancellationToken);
                return TypedResults.Ok(new { issued.LinkId, issued.ExpiresAt });
            })
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(IssueSigningLink))
            .WithSummary("Envoyer un nouveau lien de signature (l'ancien ne fonctionne plus)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
