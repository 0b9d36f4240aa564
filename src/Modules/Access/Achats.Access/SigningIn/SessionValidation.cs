using System.Security.Claims;
using Achats.Access.StaffAccounts;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Access.SigningIn;

/// <summary>
/// Each request's session is checked against its account (ADR 0030): a session whose account is gone, disabled, or
/// whose security stamp changed since it opened (new role or structure, password reset or changed) is refused and
/// its cookie removed; a page then leads to the sign-in form, an API answers 401. One document load by id.
/// </summary>
internal static class SessionValidation
{
    public const string StampClaim = "achats:stamp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (await IsCurrentAsync(context.HttpContext.RequestServices.GetRequiredService<IDocumentStore>(), context.Principal, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static async Task<bool> IsCurrentAsync(IDocumentStore store, ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId) || principal.FindFirstValue(StampClaim) is not { } stamp)
        {
            return false;
        }

        await using var session = store.QuerySession();
        var account = await session.LoadAsync<StaffAccount>(accountId, cancellationToken);
        return account is { Disabled: false } && account.SecurityStamp == stamp;
    }
}
