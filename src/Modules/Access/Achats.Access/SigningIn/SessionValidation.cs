using System.Security.Claims;
using Achats.Access.StaffAccounts;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Access.SigningIn;

/// <summary>
/// Each request's session is checked against its account (ADR 0030) and its server-side record (ADR 0041): a session
/// whose account is gone, disabled, or whose security stamp changed since it opened (new role or structure, password
/// reset or changed) is refused and its cookie removed, and so is a session signed out; a page then leads to the
/// sign-in form, an API answers 401. The account and the session record come in one round trip.
/// </summary>
internal static class SessionValidation
{
    public const string StampClaim = "achats:stamp";
    public const string SessionClaim = "achats:session";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (await IsCurrentAsync(services.GetRequiredService<IDocumentStore>(), context.Principal, now, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Every sign-in, by password or identity provider, opens a session record and names it in the cookie.</summary>
    public static async Task OpenAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var accountId))
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var opened = new StaffSession(Guid.CreateVersion7(), accountId, now);
        await using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(opened);
        // Signing in again (a changed password) replaces the caller's current session; records of sessions never
        // signed out go once they could no longer be used.
        if (SessionOf(context.HttpContext.User) is { } current)
        {
            session.Delete<StaffSession>(current);
        }

        var expired = now - StaffSession.MaximumLifetime;
        session.DeleteWhere<StaffSession>(old => old.AccountId == accountId && old.OpenedAt <= expired);
        await session.SaveChangesAsync(context.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(SessionClaim, opened.Id.ToString()));
    }

    /// <summary>Signing out deletes the session record: the same cookie, replayed, is refused.</summary>
    public static async Task CloseAsync(CookieSigningOutContext context)
    {
        if (SessionOf(context.HttpContext.User) is not { } current)
        {
            return;
        }

        await using var session = context.HttpContext.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Delete<StaffSession>(current);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    private static async Task<bool> IsCurrentAsync(IDocumentStore store, ClaimsPrincipal? principal, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var accountId)
            || principal.FindFirstValue(StampClaim) is not { } stamp
            || SessionOf(principal) is not { } sessionId)
        {
            return false;
        }

        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var account = batch.Load<StaffAccount>(accountId);
        var opened = batch.Load<StaffSession>(sessionId);
        await batch.Execute(cancellationToken);
        return await account is { Disabled: false } found && found.SecurityStamp == stamp
            && await opened is { } record && record.AccountId == accountId && record.IsLiveAt(now);
    }
}
