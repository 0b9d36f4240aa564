using Achats.Shared.Access;
using Achats.Shared.Http;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>Disables a staff account: it can no longer sign in, and its open sessions end at their next request.</summary>
public sealed record DisableStaffAccount(Guid AccountId);

public static class DisableStaffAccountHandler
{
    public static async Task<StaffAccountView> Handle(
        DisableStaffAccount command, IDocumentSession session, IMessageContext context, CancellationToken cancellationToken)
    {
        var account = await session.LoadStaffAccountAsync(command.AccountId, cancellationToken);
        if (context.ActingAccount() == account.Id)
        {
            throw new RuleViolationException("own-account", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
        }

        if (account.Disabled)
        {
            return StaffAccountView.Of(account);
        }

        await session.EnsureAnotherAdministratorRemainsAsync(account, cancellationToken);
        var disabled = account.Disable();
        session.Update(disabled);
        return StaffAccountView.Of(disabled);
    }
}

internal static class DisableStaffAccountEndpoint
{
    public static RouteHandlerBuilder MapDisableStaffAccount(this IEndpointRouteBuilder access) =>
        access.MapPost("/staff-accounts/{accountId:guid}/deactivation", async (Guid accountId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<StaffAccountView>(new DisableStaffAccount(accountId), cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(DisableStaffAccount))
            .WithSummary("Désactiver un compte")
            .WithDescription("Le compte ne peut plus se connecter et ses sessions ouvertes prennent fin à leur requête suivante. Un administrateur ne désactive pas son propre compte, ni le dernier compte d'administration actif.");
}
