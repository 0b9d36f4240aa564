using System.Net;
using Achats.Access.SigningIn;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

public sealed class SignInTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task Staff_sign_in_with_their_password_and_get_a_protected_session_cookie()
    {
        var email = await OpenAccountAsync(StaffRole.ProgrammeStaff);
        using var browser = app.CreateBrowserClient();

        var response = await StaffSignIn.PostFormAsync(browser, email.ToUpperInvariant(), StaffSignIn.Password, "/scalar/v1");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location.ShouldBe(new Uri("https://localhost/scalar/v1"));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("achats.session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("secure", Case.Insensitive);
        var dashboard = await browser.GetStringAsync("/tableau-de-bord", TestContext.Current.CancellationToken);
        dashboard.ShouldContain("Test ProgrammeStaff");
        dashboard.ShouldContain("Test ProgrammeStaff <span class=\"role\">(Équipe du programme, Métropole du Grand Paris (MGP))");
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_address_gets_the_same_refusal_and_no_session()
    {
        var email = await OpenAccountAsync(StaffRole.Auditor);
        using var browser = app.CreateBrowserClient();

        var wrongPassword = await StaffSignIn.PostFormAsync(browser, email, "pas le bon mot de passe");
        var unknown = await StaffSignIn.PostFormAsync(browser, "personne@achats.test", StaffSignIn.Password);

        foreach (var refused in new[] { wrongPassword, unknown })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Adresse ou mot de passe incorrect.");
            (refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
                .ShouldNotContain(header => header.StartsWith("achats.session=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_stop_that_address_trying_the_account_for_fifteen_minutes()
    {
        var email = await OpenAccountAsync(StaffRole.ProgrammeStaff);
        using var browser = app.CreateBrowserClient("203.0.113.51");
        for (var attempt = 0; attempt < StaffAccount.MaxFailedAttempts; attempt++)
        {
            (await StaffSignIn.PostFormAsync(browser, email, $"essai {attempt}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var throttled = await StaffSignIn.PostFormAsync(browser, email, StaffSignIn.Password);
        throttled.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        app.Clock.Advance(SignInThrottle.Window);
        (await StaffSignIn.PostFormAsync(browser, email, StaffSignIn.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_stranger_who_knows_a_staff_email_cannot_lock_its_owner_out()
    {
        var email = await OpenAccountAsync(StaffRole.Administrator);
        using var stranger = app.CreateBrowserClient("203.0.113.52");
        for (var attempt = 0; attempt <= StaffAccount.MaxFailedAttempts; attempt++)
        {
            (await StaffSignIn.PostFormAsync(stranger, email, $"devinette {attempt}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var owner = app.CreateBrowserClient("198.51.100.52");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var signIn = await StaffSignIn.PostFormAsync(owner, email, StaffSignIn.Password);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestContext.Current.SendDiagnosticMessage($"Owner's sign-in after {StaffAccount.MaxFailedAttempts} failures by a stranger: {watch.ElapsedMilliseconds} ms");
        // And the stranger, even with the right password, stays refused from their address.
        (await StaffSignIn.PostFormAsync(stranger, email, StaffSignIn.Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_in_staff_member_without_the_role_gets_403_not_a_redirect()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);

        var response = await auditor.GetAsync("/api/access/v1/staff-accounts", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var email = await OpenAccountAsync(StaffRole.ProgrammeStaff);
        using var browser = app.CreateBrowserClient();

        var response = await browser.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = StaffSignIn.Password,
        }), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Anonymous_calls_get_401_on_the_API_and_a_redirect_to_sign_in_on_pages()
    {
        using var browser = app.CreateBrowserClient();

        var api = await browser.GetAsync($"/api/cohorts/v1/cohorts/{Guid.CreateVersion7()}", TestContext.Current.CancellationToken);
        var page = await browser.GetAsync("/", TestContext.Current.CancellationToken);

        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.PathAndQuery.ShouldBe("/connexion?ReturnUrl=%2F");
    }

    [Fact]
    public async Task Signing_in_never_redirects_off_site()
    {
        var email = await OpenAccountAsync(StaffRole.Auditor);
        using var browser = app.CreateBrowserClient();

        foreach (var elsewhere in new[] { "//evil.example/", "/\\evil.example", "/\t/evil.example", "https://evil.example/" })
        {
            var response = await StaffSignIn.PostFormAsync(browser, email, StaffSignIn.Password, elsewhere);

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location.ShouldBe(new Uri("https://localhost/")); // this site's home, wherever the form asked to go
        }
    }

    private async Task<string> OpenAccountAsync(string role)
    {
        var email = $"{Guid.CreateVersion7():N}@achats.test";
        await app.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(
            email, $"Test {role}", role, role == StaffRole.ProgrammeStaff ? OrganisingStructure.Mgp : null, StaffSignIn.Password));
        return email;
    }
}
