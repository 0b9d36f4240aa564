using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>
/// Resets a staff member's password: a generated one, or a single-use link valid 24 hours, shown once to the
/// administrator. The old password stops working and the account's open sessions end at their next request.
/// </summary>
public sealed record ResetStaffPassword(Guid AccountId, CredentialDelivery Delivery);

internal sealed class ResetStaffPasswordValidator : AbstractValidator<ResetStaffPassword>
{
    public ResetStaffPasswordValidator() =>
        RuleFor(c => c.Delivery).IsInEnum().WithMessage("Choisissez un mot de passe provisoire ou un lien à usage unique.");
}

public static class ResetStaffPasswordHandler
{
    public static async Task<IssuedCredential> Handle(
        ResetStaffPassword command, IDocumentSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await session.LoadStaffAccountAsync(command.AccountId, cancellationToken);
        var (reset, credential) = IssuedCredential.For(account, command.Delivery, time.GetUtcNow());
        session.Update(reset);
        return credential;
    }
}

internal static class ResetStaffPasswordEndpoint
{
    public static RouteHandlerBuilder MapResetStaffPassword(this IEndpointRouteBuilder access) =>
        access.MapPost("/staff-accounts/{accountId:guid}/password-reset", async (Guid accountId, ResetStaffPassword command, IMessageBus bus, HttpResponse response, CancellationToken cancellationToken) =>
            {
                var credential = await bus.InvokeAsync<IssuedCredential>(command with { AccountId = accountId }, cancellationToken);
                response.Headers.CacheControl = "no-store"; // shown once: no cache keeps it
                return TypedResults.Ok(credential);
            })
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(ResetStaffPassword))
            .WithSummary("Réinitialiser le mot de passe d'un compte (mot de passe provisoire ou lien à usage unique, affiché une seule fois)")
            .ProducesValidationProblem();
}
