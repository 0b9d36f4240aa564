using System.Net;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

public sealed class SignOutTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task After_signing_out_the_same_cookie_is_refused_on_pages_and_on_the_API()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.ProgrammeStaff, "Test Déconnexion");
        using var browser = app.CreateBrowserClient();
        var cookie = SessionCookie(await StaffSignIn.PostFormAsync(browser, email, StaffSignIn.Password));
        using (var before = Replaying(cookie))
        {
            (await before.GetAsync("/api/cohorts/v1/cohorts", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var signedOut = await StaffSignIn.SignOutAsync(browser);

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var replayed = Replaying(cookie);
        (await replayed.GetAsync("/api/cohorts/v1/cohorts", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await replayed.GetAsync("/tableau-de-bord", TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/connexion");
    }

    [Fact]
    public async Task Signing_out_ends_only_this_session_not_the_person_s_others()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.Auditor, "Test Deux sessions");
        using var laptop = app.CreateBrowserClient();
        using var phone = app.CreateBrowserClient();
        await StaffSignIn.SignInAsync(laptop, email);
        await StaffSignIn.SignInAsync(phone, email);

        (await StaffSignIn.SignOutAsync(laptop)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await phone.GetAsync("/api/cohorts/v1/cohorts", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("achats.session=", StringComparison.Ordinal)).Split(';')[0];

    /// <summary>A client with no cookie jar that presents <paramref name="cookie"/> as someone who copied it would.</summary>
    private HttpClient Replaying(string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
