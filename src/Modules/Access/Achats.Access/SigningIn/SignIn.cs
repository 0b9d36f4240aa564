using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Web;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Access.SigningIn;

/// <summary>The staff sign-in form (French), its answer, and signing out.</summary>
internal static class SignIn
{
    public sealed record SignInForm(string? Email, string? Password, string? ReturnUrl);

    private const string RefusedByProvider =
        "La connexion par votre fournisseur d'identité n'a pas abouti, ou aucun compte de l'équipe ne correspond à votre adresse vérifiée.";

    private const string Refused =
        "Adresse ou mot de passe incorrect. Après cinq échecs de suite, le compte est verrouillé pendant quinze minutes.";

    // Checked against when the email is unknown, so that an unknown address takes as long as a wrong password.
    private static readonly StaffAccount Nobody = StaffAccount.Create("nobody@achats.invalid", "-", StaffRole.Auditor, null, Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccessPolicies.SignInPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? oidc) =>
                Form(context, antiforgery, returnUrl, email: null, error: oidc is null ? null : RefusedByProvider))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapPost(AccessPolicies.SignInPath, async (
                [FromForm] SignInForm form, HttpContext context, IAntiforgery antiforgery, IDocumentStore store, TimeProvider time) =>
            {
                var account = await AttemptAsync(store, form.Email ?? "", form.Password ?? "", time.GetUtcNow());
                if (account is null)
                {
                    return Form(context, antiforgery, form.ReturnUrl, form.Email, Refused);
                }

                await context.SignInAsync(AccessPolicies.PrincipalOf(account));
                return Results.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/");
            })
            .AsPublicForm(maxBodyBytes: 8 * 1024)
            .ExcludeFromDescription();

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

        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
            {
                var user = context.User;
                var organisation = user.FindFirst(AccessClaims.Organisation)?.Value;
                var tokens = antiforgery.GetAndStoreTokens(context);
                return Page.Html("Accueil", $"""
                    <h1>Bonjour {Page.Encode(user.Identity!.Name)}</h1>
                    <p>Rôle : {Page.Encode(RoleInFrench(user))}{(organisation is null ? "" : $" — structure : {Page.Encode(StructureInFrench(organisation))}")}</p>
                    <p><a href="/scalar/v1">Documentation de l'API</a></p>
                    <form method="post" action="/deconnexion">
                      <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
                      <button type="submit">Se déconnecter</button>
                    </form>
                    """);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>One sign-in attempt, recorded on the account; retried when another attempt changed it meanwhile.</summary>
    private static async Task<StaffAccount?> AttemptAsync(IDocumentStore store, string email, string password, DateTimeOffset now)
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

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? email, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var provider = OpenIdConnectSignIn.IsEnabled(configuration)
            ? $"""<p><a href="{OpenIdConnectSignIn.StartPath}?returnUrl={Uri.EscapeDataString(IsLocal(returnUrl) ? returnUrl! : "/")}">Se connecter avec {Page.Encode(OpenIdConnectSignIn.DisplayName(configuration))}</a></p>"""
            : "";
        return Page.Html("Connexion", $"""
            <h1>Connexion de l'équipe du programme</h1>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Page.Encode(error)}</p>")}
            <form method="post" action="{AccessPolicies.SignInPath}">
              <input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">
              <input type="hidden" name="returnUrl" value="{Page.Encode(IsLocal(returnUrl) ? returnUrl : "/")}">
              <label>Adresse électronique <input type="email" name="email" autocomplete="username" required value="{Page.Encode(email)}"></label>
              <label>Mot de passe <input type="password" name="password" autocomplete="current-password" required></label>
              <button type="submit">Se connecter</button>
            </form>
            {provider}
            """, error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    /// <summary>A path on this site: "/x", never "//host", "/\\host" or a path hiding a tab or a line break.</summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    private static string StructureInFrench(string structure) =>
        Enum.TryParse<OrganisingStructure>(structure, out var known) && Enum.IsDefined(known) ? known.Name() : structure;

    private static string RoleInFrench(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(StaffRole.Administrator) ? "administration"
        : user.IsInRole(StaffRole.Auditor) ? "audit"
        : "équipe du programme";
}
