using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>Re-enables a disabled staff account: it can sign in again, with its password of before.</summary>
public sealed record EnableStaffAccount(Guid AccountId);

public static class EnableStaffAccountHandler
{
    public static async Task<StaffAccountView> Handle(
        EnableStaffAccount command, IDocumentSession session, CancellationToken cancellationToken)
    {
        var account = await session.LoadStaffAccountAsync(command.AccountId, cancellationToken);
        if (!account.Disabled)
        {
            return StaffAccountView.Of(account);
        }

        var enabled = account.Enable();
        session.Update(enabled);
        return StaffAccountView.Of(enabled);
    }
}

internal static class EnableStaffAccountEndpoint
{
    public static RouteHandlerBuilder MapEnableStaffAccount(this IEndpointRouteBuilder access) =>
        access.MapPost("/staff-accounts/{accountId:guid}/reactivation", async (Guid accountId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<StaffAccountView>(new EnableStaffAccount(accountId), cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(EnableStaffAccount))
            .WithSummary("Réactiver un compte désactivé");
}
