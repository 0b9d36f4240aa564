using System.Net;
using System.Text;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Web;

/// <summary>The sign-in form is the first public form: rate limited per address, bounded in size, never a 500.</summary>
public sealed class PublicFormTests(PublicFormTests.LowLimitApp app) : IClassFixture<PublicFormTests.LowLimitApp>
{
    private const int PermitsPerMinute = 3;

    [Fact]
    public async Task Posts_beyond_the_limit_from_one_address_get_429_problem_details_with_a_delay()
    {
        using var browser = app.CreateBrowserClient("203.0.113.10");
        var answers = new List<HttpResponseMessage>();
        for (var post = 0; post <= PermitsPerMinute; post++)
        {
            answers.Add(await StaffSignIn.PostFormAsync(browser, "personne@achats.test", "mauvais mot de passe"));
        }

        answers.Take(PermitsPerMinute).Select(answer => answer.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Unauthorized);
        var refused = answers[^1];
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Trop d'envois depuis votre adresse IP");
    }

    [Fact]
    public async Task The_participant_sign_in_link_form_is_rate_limited_per_address_too()
    {
        using var browser = app.CreateBrowserClient("203.0.113.30");
        var participant = new Enrolment.ParticipantDriver(app);
        var statuses = new List<HttpStatusCode>();
        for (var post = 0; post <= PermitsPerMinute; post++)
        {
            using var answer = await participant.PostFormAsync(browser, Enrolment.ParticipantDriver.Home, "sign-in-link",
                new Dictionary<string, string> { ["email"] = $"personne.{post}@achats.test" });
            statuses.Add(answer.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task An_overlong_body_gets_413_problem_details()
    {
        using var browser = app.CreateBrowserClient("203.0.113.20");

        var response = await browser.PostAsync("/connexion",
            new StringContent("email=" + new string('a', 9 * 1024), Encoding.UTF8, "application/x-www-form-urlencoded"),
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("%%%=%%%&&&")]
    [InlineData("email=%E9%ZZ&password")]
    public async Task A_malformed_body_gets_a_4xx_problem_never_a_500(string body)
    {
        using var browser = app.CreateBrowserClient($"203.0.113.{30 + body.Length}");

        var response = await browser.PostAsync("/connexion",
            new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBeInRange(400, 499, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Each_public_form_has_its_own_budget_so_sign_in_attempts_never_block_a_pre_registration()
    {
        using var browser = app.CreateBrowserClient("203.0.113.60");
        for (var post = 0; post < PermitsPerMinute; post++)
        {
            await StaffSignIn.PostFormAsync(browser, "personne@achats.test", "mauvais mot de passe");
        }

        (await StaffSignIn.PostFormAsync(browser, "personne@achats.test", "mauvais mot de passe")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var preRegistration = await browser.PostAsync("/inscription",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "x@achats.test" }), TestContext.Current.CancellationToken);

        preRegistration.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
    }

    /// <summary>A low limit to reach; each client names its address (<see cref="AchatsApp.CreateBrowserClient(string)"/>).</summary>
    public sealed class LowLimitApp(PostgresServer postgres) : AchatsApp(postgres)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PublicForms:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
