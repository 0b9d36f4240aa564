using System.Net;
using System.Text;
using Achats.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Web;

/// <summary>The sign-in form is the first public form: rate limited per address, bounded in size, never a 500.</summary>
public sealed class PublicFormTests(PublicFormTests.OneClientAddressApp app) : IClassFixture<PublicFormTests.OneClientAddressApp>
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

    /// <summary>
    /// The in-process test server gives requests no client address; this app gives each client the one
    /// it names, as Kestrel would see distinct clients, and a low limit to reach.
    /// </summary>
    public sealed class OneClientAddressApp(PostgresServer postgres) : AchatsApp(postgres)
    {
        private const string AddressHeader = "X-Test-Client-Address";

        public HttpClient CreateBrowserClient(string address)
        {
            var client = CreateBrowserClient();
            client.DefaultRequestHeaders.Add(AddressHeader, address);
            return client;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PublicForms:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new OneClientAddress()));
        }

        private sealed class OneClientAddress : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[AddressHeader].FirstOrDefault() ?? "203.0.113.7");
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
