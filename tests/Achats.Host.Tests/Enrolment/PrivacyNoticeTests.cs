using System.Net;
using Achats.Enrolment.Privacy;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The privacy notice: public, in French, with every part the RGPD asks for, linked from every page.</summary>
public sealed class PrivacyNoticeTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_reads_who_holds_the_data_why_on_what_basis_who_receives_it_how_long_and_the_rights_with_its_version()
    {
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.GetAsync("/confidentialite", Cancellation);

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"version {PrivacyNotice.Version}");
        foreach (var part in new[] { "Qui traite vos données", "Pourquoi", "Sur quelle base", "Qui reçoit vos données", "Combien de temps",
                     "Vos droits", "Comment exercer vos droits", "responsables conjointement", "trois ans après sa clôture", "article 17",
                     "article 20", "article 21", "CNIL", $"href=\"{ParticipantSession.SignInPath}\"" })
        {
            html.ShouldContain(part);
        }
    }

    [Theory]
    [InlineData("/connexion", null)]
    [InlineData("/inscription", null)]
    [InlineData("/tableau-de-bord", StaffRole.ProgrammeStaff)]
    public async Task Every_page_links_the_notice_in_its_footer(string path, string? role)
    {
        using var client = role is null ? app.CreateBrowserClient() : await app.SignedInAsync(role);

        var html = await client.GetStringAsync(path, Cancellation);

        html[html.IndexOf("<footer", StringComparison.Ordinal)..].ShouldContain("href=\"/confidentialite\"");
    }
}
