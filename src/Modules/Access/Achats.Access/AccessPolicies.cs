using System.Security.Claims;
using Achats.Access.PartnerKeys;
using Achats.Access.SigningIn;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Achats.Access;

/// <summary>What each access policy of <see cref="Policies"/> requires, and how staff are authenticated.</summary>
internal static class AccessPolicies
{
    public const string SignInPath = "/connexion";

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = SignInPath;
                cookie.LogoutPath = "/deconnexion";
                cookie.Cookie.Name = "achats.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Secure outside Development, where `dotnet run` speaks plain HTTP on localhost.
                cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                // An API answers 401/403; only a page redirects to the sign-in form.
                // A disabled account, or one whose role, structure or password changed, loses its sessions at once (ADR 0030).
                cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                // Signing out ends this session on the server too, not only in this browser (ADR 0041).
                cookie.Events.OnSigningIn = SessionValidation.OpenAsync;
                cookie.Events.OnSigningOut = SessionValidation.CloseAsync;
                cookie.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context.Response, context.RedirectUri);
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    // Signed in but not allowed: a redirect would only loop back; say 403 (problem details).
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddParticipantSessions(environment)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, configureOptions: null)
            .AddOptionalOpenIdConnect(configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ManageAccess, policy => policy.RequireRole(StaffRole.Administrator))
            .AddPolicy(Policies.AnyStaff, policy => policy.RequireRole(StaffRole.All))
            .AddPolicy(Policies.RunProgramme, policy => policy.RequireRole(StaffRole.ProgrammeStaff))
            .AddPolicy(Policies.ReadProgramme, policy => policy.RequireRole(StaffRole.ProgrammeStaff, StaffRole.Auditor))
            .AddPolicy(Policies.ReadProgrammeDecideOnPost, policy => policy.RequireAssertion(context =>
                context.Resource is HttpContext { Request.Method: var method } && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
                    ? context.User.IsInRole(StaffRole.ProgrammeStaff)
                    : context.User.IsInRole(StaffRole.ProgrammeStaff) || context.User.IsInRole(StaffRole.Auditor)))
            .AddPolicy(Policies.Participant, policy => policy.AddAuthenticationSchemes(ParticipantSession.Scheme)
                .RequireAuthenticatedUser().RequireClaim(ParticipantSession.EmailClaim))
            // Staff's cookie first, the participant's last: an anonymous visitor is sent to ask for a participant's link.
            .AddPolicy(Policies.SpaceVisitor, policy => policy.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, ParticipantSession.Scheme)
                .RequireAssertion(context => context.User.IsInRole(StaffRole.ProgrammeStaff) || context.User.IsInRole(StaffRole.Auditor)
                    || context.User.HasClaim(claim => claim.Type == ParticipantSession.EmailClaim)))
            .AddPolicy(Policies.Partner, policy => Partner(policy).RequireClaim(AccessClaims.Partner))
            .AddPolicy(Policies.PartnerAttestsMemberships, policy => Partner(policy).RequireClaim(AccessClaims.Scope, PartnerScope.AttestMemberships))
            .AddPolicy(Policies.PartnerReadsAttestations, policy => Partner(policy).RequireClaim(AccessClaims.Scope, PartnerScope.ReadAttestations))
            .AddPolicy(Policies.PartnerReadsEnrolmentStatus, policy => Partner(policy).RequireClaim(AccessClaims.Scope, PartnerScope.ReadEnrolmentStatus))
            .AddPolicy(Policies.PartnerReadsCatalogue, policy => Partner(policy).RequireClaim(AccessClaims.Scope, PartnerScope.ReadCatalogue));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "achats.antiforgery";
            // Secure on every HTTPS request, a proxy's forwarded ones included (ADR 0041). Not "Always": antiforgery then
            // throws on a plain-HTTP request instead of answering it, every form page becoming a 500.
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSharedKeyRing(configuration);
        return services;
    }

    /// <summary>
    /// Participants' sessions (ADR 0044): a cookie of their own, never read by staff pages (their policies and the fallback
    /// authenticate with the staff scheme alone), as participant pages read this one alone: neither opens the other's pages.
    /// </summary>
    private static AuthenticationBuilder AddParticipantSessions(this AuthenticationBuilder authentication, IHostEnvironment environment) =>
        authentication.AddCookie(ParticipantSession.Scheme, cookie =>
        {
            cookie.LoginPath = ParticipantSession.SignInPath;
            cookie.Cookie.Name = "achats.participant";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(2);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context.Response, context.RedirectUri);
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

    /// <summary>Partner policies authenticate with the API key alone: a staff session never passes for a partner.</summary>
    private static AuthorizationPolicyBuilder Partner(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser();

    public static ClaimsPrincipal PrincipalOf(StaffAccount account)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, account.Id.ToString()),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
            new(SessionValidation.StampClaim, account.SecurityStamp),
        ];
        if (account.Organisation is { } organisation)
        {
            claims.Add(new Claim(AccessClaims.Organisation, organisation.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static Task AnswerApiOrRedirect(HttpResponse response, string redirectUri)
    {
        if (response.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
