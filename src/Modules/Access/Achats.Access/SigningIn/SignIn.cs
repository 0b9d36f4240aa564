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

/// <summary>What the sign-in page does with a password (each attempt recorded on the account), and signing out.</summary>
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

    /// <summary>One sign-in attempt, recorded on the account; retried when another attempt changed it meanwhile.</summary>
    public static async Task<StaffAccount?> AttemptAsync(IDocumentStore store, string email, string password, DateTimeOffset now)
    {
        var normalised = StaffAccount.NormaliseEmail(email);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = store.LightweightSession();
            var account = await session.Query<StaffAccount>().SingleOrDefaultAsync(candidate => candidate.Email == normalised);
            if (account is null)
            {
                Nobody.AttemptSignIn(password, now);
                return null;
            }

            var (recorded, signedIn) = account.AttemptSignIn(password, now);
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
