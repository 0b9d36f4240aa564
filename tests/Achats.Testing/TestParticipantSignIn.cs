using System.Security.Claims;
using Achats.Shared.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Achats.Testing;

/// <summary>
/// Signs a participant in without the emailed link, for tests of the pages behind <see cref="Policies.Participant"/>:
/// <c>GET /test/participant-sign-in?email=…&amp;then=/path</c> signs in with <see cref="ParticipantSession.Scheme"/> and
/// the email claim, then redirects. Registered by a test fixture only (a middleware, not an endpoint of the Host). Where
/// the Host does not define the participant's cookie scheme or policy yet, a plain one is added; where it does, its own
/// is used, so the real sign-in's events run too.
/// </summary>
public static class TestParticipantSignIn
{
    public const string Path = "/test/participant-sign-in";

    /// <summary>The path that signs <paramref name="email"/> in, then goes to <paramref name="then"/>.</summary>
    public static string For(string email, string then = "/") => $"{Path}?email={Uri.EscapeDataString(email)}&then={Uri.EscapeDataString(then)}";

    public static IWebHostBuilder AddTestParticipantSignIn(this IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<IStartupFilter, SignInStartupFilter>();
        services.PostConfigure<AuthenticationOptions>(options =>
        {
            if (!options.Schemes.Any(scheme => scheme.Name == ParticipantSession.Scheme))
            {
                options.AddScheme<CookieAuthenticationHandler>(ParticipantSession.Scheme, displayName: null);
            }
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, PostConfigureCookieAuthenticationOptions>());
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SignInPathOfTheTestScheme>();
        services.PostConfigure<AuthorizationOptions>(options =>
        {
            if (options.GetPolicy(Policies.Participant) is null)
            {
                options.AddPolicy(Policies.Participant, policy => policy
                    .AddAuthenticationSchemes(ParticipantSession.Scheme)
                    .RequireClaim(ParticipantSession.EmailClaim));
            }
        });
    });

    private sealed class SignInStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not a Map branch: that would move the path base, and the cookie's path with it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != Path)
                {
                    await nextMiddleware(context);
                    return;
                }

                var email = context.Request.Query["email"].ToString().Trim().ToLowerInvariant();
                var then = context.Request.Query["then"].ToString();
                var identity = new ClaimsIdentity([new Claim(ParticipantSession.EmailClaim, email)], ParticipantSession.Scheme);
                await context.SignInAsync(ParticipantSession.Scheme, new ClaimsPrincipal(identity));
                context.Response.Redirect(then.StartsWith('/') && !then.StartsWith("//", StringComparison.Ordinal) ? then : "/");
            });
            next(app);
        };
    }

    /// <summary>The plain scheme added here sends a participant who is not signed in to their sign-in page, as the real one does.</summary>
    private sealed class SignInPathOfTheTestScheme : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == ParticipantSession.Scheme && options.LoginPath == CookieAuthenticationDefaults.LoginPath)
            {
                options.LoginPath = ParticipantSession.SignInPath;
            }
        }
    }
}
