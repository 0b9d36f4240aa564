using System.Net;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Achats.Access.SigningIn;

/// <summary>
/// What the sign-in page does with a password (each attempt recorded on the account, and throttled per client address
/// and account), and signing out.
/// </summary>
internal static class SignIn
{
    // Checked against when the email is unknown, so that an unknown address takes as long as a wrong password.
    private static readonly StaffAccount Nobody = StaffAccount.Create("nobody@achats.invalid", "-", StaffRole.Auditor, null, Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/deconnexion", async (HttpContext context, IAntiforgery antiforgery) =>
            {
                // No form field is bound here, so the antiforgery check is not automatic: a forged post must not sign anyone out.
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }

                await context.SignOutAsync();
                return Results.LocalRedirect(AccessPolicies.SignInPath);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// One sign-in attempt from <paramref name="address"/>, recorded on the account (retried when another attempt changed
    /// it meanwhile) and in the throttle; an account with failures in a row answers more slowly, an address that failed
    /// too often on this account is refused without a check.
    /// </summary>
    public static async Task<StaffAccount?> AttemptAsync(IDocumentStore store, SignInThrottle throttle, IPAddress? address, string email, string password)
    {
        if (throttle.IsBlocked(address, email))
        {
            Nobody.AttemptSignIn(password);
            return null;
        }

        var signedInAccount = await RecordAttemptAsync(store, email, password);
        if (signedInAccount is null)
        {
            throttle.Failed(address, email);
        }
        else
        {
            throttle.Succeeded(address, email);
        }

        return signedInAccount;
    }

    private static async Task<StaffAccount?> RecordAttemptAsync(IDocumentStore store, string email, string password)
    {
        var normalised = StaffAccount.NormaliseEmail(email);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = store.LightweightSession();
            var account = await session.Query<StaffAccount>().SingleOrDefaultAsync(candidate => candidate.Email == normalised);
            if (account is null)
            {
                Nobody.AttemptSignIn(password);
                return null;
            }

            if (attempt == 0 && account.SignInDelay > TimeSpan.Zero)
            {
                // Slowed down, never locked: guessing from many addresses goes slower, and the owner still gets in.
                await Task.Delay(account.SignInDelay);
            }

            var (recorded, signedIn) = account.AttemptSignIn(password);
            if (recorded != account)
            {
                session.Update(recorded);
            }

            try
            {
                await session.SaveChangesAsync();
                return signedIn ? recorded : null;
            }
            catch (ConcurrencyException)
            {
                // Someone else's attempt on the same account landed first: count this one on top of it.
            }
        }

        return null;
    }

    /// <summary>A path on this site: "/x", never "//host", "/\\host" or a path hiding a tab or a line break.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
