using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>Every staff account, by name.</summary>
public sealed record ListStaffAccounts;

public static class ListStaffAccountsHandler
{
    public static async Task<IReadOnlyList<StaffAccountView>> Handle(
        ListStaffAccounts query, IQuerySession session, CancellationToken cancellationToken)
    {
        var accounts = await session.Query<StaffAccount>().OrderBy(account => account.DisplayName).ToListAsync(cancellationToken);
        return accounts.Select(account => StaffAccountView.Of(account)).ToList();
    }
}

internal static class ListStaffAccountsEndpoint
{
    public static RouteHandlerBuilder MapListStaffAccounts(this IEndpointRouteBuilder access) =>
        access.MapGet("/staff-accounts", async (IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<IReadOnlyList<StaffAccountView>>(new ListStaffAccounts(), cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(ListStaffAccounts))
            .WithSummary("Lister les comptes de l'équipe");
}
