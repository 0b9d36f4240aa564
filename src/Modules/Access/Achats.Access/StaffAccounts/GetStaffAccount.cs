using Achats.Shared.Access;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace Achats.Access.StaffAccounts;

/// <summary>One staff account, as administrators see it.</summary>
public sealed record GetStaffAccount(Guid AccountId);

public static class GetStaffAccountHandler
{
    public static async Task<StaffAccountView> Handle(GetStaffAccount query, IQuerySession session, CancellationToken cancellationToken) =>
        StaffAccountView.Of(await session.LoadStaffAccountAsync(query.AccountId, cancellationToken));
}

internal static class GetStaffAccountEndpoint
{
    public static RouteHandlerBuilder MapGetStaffAccount(this IEndpointRouteBuilder access) =>
        access.MapGet("/staff-accounts/{accountId:guid}", async (Guid accountId, IMessageBus bus, CancellationToken cancellationToken) =>
                TypedResults.Ok(await bus.InvokeAsync<StaffAccountView>(new GetStaffAccount(accountId), cancellationToken)))
            .RequireAuthorization(Policies.ManageAccess)
            .WithName(nameof(GetStaffAccount))
            .WithSummary("Lire un compte de l'équipe");
}
