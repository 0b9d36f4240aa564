using System.Security.Claims;
using Achats.Access.StaffAccounts;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Achats.Access.SigningIn;

/// <summary>
/// Optional sign-in through an organisation's identity provider, on when <c>OpenIdConnect:Authority</c>
/// is configured. The provider proves who the person is; Achats still decides what they may do: the
/// verified email must belong to an enabled staff account, whose role and structure become the session.
/// </summary>
internal static class OpenIdConnectSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string StartPath = "/connexion/oidc";
    public const string Section = "OpenIdConnect";

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:Authority"]);

    /// <summary>The name of the provider on the sign-in button.</summary>
    public static string DisplayName(IConfiguration configuration) =>
        configuration[$"{Section}:DisplayName"] is { Length: > 0 } name ? name : "le fournisseur d'identité de votre organisation";

    public static AuthenticationBuilder AddOptionalOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return authentication;
        }

        var section = configuration.GetSection(Section);
        return authentication.AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = section["Authority"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.CallbackPath = "/connexion/oidc/retour";
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.MapInboundClaims = false;
            options.SaveTokens = false;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                options.Scope.Add(scope);
            }

            options.Events.OnTokenValidated = async context =>
            {
                var store = context.HttpContext.RequestServices.GetRequiredService<IDocumentStore>();
                if (await StaffPrincipalAsync(store, context.Principal!) is { } staff)
                {
                    context.Principal = staff;
                }
                else
                {
                    context.Fail("No staff account for this identity.");
                }
            };
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect($"{AccessPolicies.SignInPath}?oidc=refuse");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The session of the staff account whose email the provider verified; null when there is none or the
    /// provider did not verify the address. The password throttle does not apply: it guards against
    /// guessed passwords, and a provider's proof is not a guess (else anyone could keep a colleague out).
    /// </summary>
    public static async Task<ClaimsPrincipal?> StaffPrincipalAsync(IDocumentStore store, ClaimsPrincipal provided)
    {
        if (provided.FindFirstValue("email") is not { Length: > 0 } email
            || !string.Equals(provided.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        await using var session = store.QuerySession();
        var normalised = StaffAccount.NormaliseEmail(email);
        var account = await session.Query<StaffAccount>().SingleOrDefaultAsync(candidate => candidate.Email == normalised);
        return account is null or { Disabled: true } ? null : AccessPolicies.PrincipalOf(account);
    }

    public static IEndpointRouteBuilder MapOpenIdConnectSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (HttpContext context, IConfiguration configuration, string? returnUrl) =>
                IsEnabled(configuration)
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = SignIn.IsLocal(returnUrl) ? returnUrl : "/" }, [Scheme])
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "La connexion par fournisseur d'identité n'est pas activée."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
