using Achats.Shared.Access;
using Achats.Shared.Http;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Charter.Signatures;

/// <summary>The participant revokes their signature (told to staff, who record it with the reason): they leave the cohort.</summary>
public sealed record RevokeSignature(Guid EnrolmentId, string Reason);

internal sealed class RevokeSignatureValidator : AbstractValidator<RevokeSignature>
{
    public RevokeSignatureValidator()
    {
        RuleFor(command => command.Reason).NotEmpty().WithMessage("Le motif de la révocation est obligatoire.")
            .MaximumLength(2000).WithMessage("Le motif ne doit pas dépasser 2000 caractères.");
    }
}

public static class RevokeSignatureHandler
{
    public static async Task<(SignatureRevoked, Contracts.CharterSignatureRevoked)> Handle(
        RevokeSignature command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var (stream, file) = await SignatureFiles.ForWritingAsync(session, command.EnrolmentId, cancellationToken);
        var revoked = Decide(file, command, time.GetUtcNow());
        stream.AppendMany(RevokeSignatureHandler.Events(file, revoked));
        return (revoked, new Contracts.CharterSignatureRevoked(file.EnrolmentId, revoked.Reason, revoked.RevokedAt));
    }

    public static SignatureRevoked Decide(SignatureFile file, RevokeSignature command, DateTimeOffset now) =>
        file switch
        {
            { SignedVersion: null } => throw new ConflictException("Ce participant n'a pas encore signé la charte."),
            { Revocation: not null } => throw new ConflictException("Cette signature est déjà révoquée."),
            _ => new SignatureRevoked(command.Reason.Trim(), now),
        };

    /// <summary>Revoking stops the link too: nothing more is signed with it.</summary>
    public static IReadOnlyList<object> Events(SignatureFile file, SignatureRevoked revoked) =>
        file.ActiveLink is { Used: false } link ? [revoked, new SigningLinkVoided(link.LinkId, "Signature révoquée.")] : [revoked];
}

internal static class RevokeSignatureEndpoint
{
    public static RouteHandlerBuilder MapRevokeSignature(this IEndpointRouteBuilder charter) =>
        charter.MapPost("/signatures/{enrolmentId:guid}/revocation", async (Guid enrolmentId, RevokeSignature command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<SignatureRevoked>(command with { EnrolmentId = enrolmentId }, cancellationToken)))
            .RequireAuthorization(Policies.RunProgramme)
            .WithName(nameof(RevokeSignature))
            .WithSummary("Enregistrer la révocation de sa signature par un participant (il quitte l'édition)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
