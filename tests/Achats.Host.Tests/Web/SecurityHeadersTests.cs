using Achats.Testing;
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
}
