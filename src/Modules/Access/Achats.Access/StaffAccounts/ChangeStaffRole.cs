using Achats.Shared.Access;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>Gives a staff account another role or structure; its open sessions end at their next request.</summary>
public sealed record ChangeStaffRole(Guid AccountId, string Role, OrganisingStructure? Organisation);

internal sealed class ChangeStaffRoleValidator : AbstractValidator<ChangeStaffRole>
{
    public ChangeStaffRoleValidator() => Include(new StaffRoleRules<ChangeStaffRole>(c => c.Role, c => c.Organisation));
}

public static class ChangeStaffRoleHandler
{
    public static async Task<StaffAccountView> Handle(
        ChangeStaffRole command, IDocumentSession session, CancellationToken cancellationToken)
    {
        var account = await session.LoadStaffAccountAsync(command.AccountId, cancellationToken);
        if (account.Role == command.Role && account.Organisation == command.Organisation)
        {
            return StaffAccountView.Of(account);
        }

        if (command.Role != StaffRole.Administrator)
        {
            await session.EnsureAnotherAdministratorRemainsAsync(account, cancellationToken);
        }

        var changed = account.WithRole(command.Role, command.Organisation);
        session.Update(changed);
        return StaffAccountView.Of(changed);
    }
}

internal static class ChangeStaffRoleEndpoint
{
    public static RouteHandlerBuilder MapChangeStaffRole(this IEndpointRouteBuilder access) =>
        access.MapPut("/staff-accounts/{accountId:guid}/role", async (Guid accountId, ChangeStaffRole command, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<StaffAccountView>(command with { AccountId = accountId }, cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(ChangeStaffRole))
            .WithSummary("Changer le rôle ou la structure d'un compte")
            .WithDescription("Les sessions ouvertes de ce compte prennent fin à leur requête suivante. Le dernier compte d'administration actif garde son rôle.")
            .ProducesValidationProblem();
}
