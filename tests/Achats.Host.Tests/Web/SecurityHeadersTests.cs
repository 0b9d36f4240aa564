using System.Net;
using Achats.Host.Web;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Web;

public sealed class SecurityHeadersTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Theory]
    [InlineData("/connexion")]
    [InlineData("/api/enrolment/v1/open-cohorts")]
    [InlineData("/api/cohorts/v1/cohorts")]
    public async Task Every_answer_forbids_framing_and_sniffing_and_allows_only_the_site_s_own_resources(string url)
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.GetAsync(url, TestContext.Current.CancellationToken);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldContain("script-src 'self';");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }

    [Fact]
    public async Task An_answer_over_https_outside_development_asks_for_https_only()
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.GetAsync("/connexion", TestContext.Current.CancellationToken);

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe(SecurityHeaders.StrictTransportSecurity);
    }

    [Theory]
    [InlineData("/tableau-de-bord")]
    [InlineData("/api/cohorts/v1/cohorts")]
    [InlineData("/api/cohorts/v1/cohorts/0195c0de-0000-7000-8000-000000000001/roster.csv")]
    [InlineData("/connexion")]
    public async Task Pages_APIs_and_exports_are_kept_out_of_every_cache(string url)
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await staff.GetAsync(url, TestContext.Current.CancellationToken);

        response.Headers.CacheControl!.NoStore.ShouldBeTrue(url);
    }

    [Fact]
    public async Task Static_files_may_be_cached()
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.GetAsync("/achats.css", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (response.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse();
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_as_the_session_cookie_is()
    {
        using var browser = app.CreateBrowserClient();

        var response = await browser.GetAsync("/connexion", TestContext.Current.CancellationToken);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("achats.antiforgery=", StringComparison.Ordinal));
        cookie.ShouldContain("secure", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
    }

    [Fact]
    public async Task Without_configured_proxies_no_forwarded_header_is_believed_even_from_loopback()
    {
        using var client = PlainHttpClientFrom(app, "127.0.0.1");

        var response = await client.SendAsync(ForwardedAsHttps(), TestContext.Current.CancellationToken);

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    internal static HttpClient PlainHttpClientFrom(AchatsApp host, string address) =>
        new(host.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = new Uri("http://localhost"),
        };

    /// <summary>A plain HTTP request that says it came in over HTTPS, as a proxy ending TLS says it.</summary>
    internal static HttpRequestMessage ForwardedAsHttps()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/connexion");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.80");
        return request;
    }
}

/// <summary>A host behind a reverse proxy at 10.0.0.5: forwarded headers are believed from it, and from nobody else.</summary>
public sealed class ReverseProxyHeadersTests(ReverseProxyHeadersTests.BehindAProxy app) : IClassFixture<ReverseProxyHeadersTests.BehindAProxy>
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task The_known_proxy_s_forwarded_scheme_is_believed()
    {
        using var client = SecurityHeadersTests.PlainHttpClientFrom(app, Proxy);

        var response = await client.SendAsync(SecurityHeadersTests.ForwardedAsHttps(), TestContext.Current.CancellationToken);

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe(SecurityHeaders.StrictTransportSecurity);
        response.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("achats.antiforgery=", StringComparison.Ordinal))
            .ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task A_forwarded_header_from_an_unknown_address_is_ignored()
    {
        using var client = SecurityHeadersTests.PlainHttpClientFrom(app, "203.0.113.90");

        var response = await client.SendAsync(SecurityHeadersTests.ForwardedAsHttps(), TestContext.Current.CancellationToken);

        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    public sealed class BehindAProxy(PostgresServer postgres) : AchatsApp(postgres)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting($"{ReverseProxyHeaders.Section}:KnownProxies:0", Proxy);
        }
    }
}
