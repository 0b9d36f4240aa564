using System.Security.Claims;
using Achats.Shared.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Testing;

/// <summary>
/// Signs a participant in without the emailed link, for tests of the pages behind <see cref="Policies.Participant"/>:
/// <c>GET /test/participant-sign-in?email=…&amp;then=/path</c> signs in with <see cref="ParticipantSession.Scheme"/> and
/// the email claim, then redirects, through the Host's own participant scheme. Registered by a test fixture only (a
/// middleware, not an endpoint of the Host).
/// </summary>
public static class TestParticipantSignIn
{
    public const string Path = "/test/participant-sign-in";

    /// <summary>The path that signs <paramref name="email"/> in, then goes to <paramref name="then"/>.</summary>
    public static string For(string email, string then = "/") => $"{Path}?email={Uri.EscapeDataString(email)}&then={Uri.EscapeDataString(then)}";

    public static IWebHostBuilder AddTestParticipantSignIn(this IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<IStartupFilter, SignInStartupFilter>();
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
}
