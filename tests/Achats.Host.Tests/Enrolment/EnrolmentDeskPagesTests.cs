using System.Net;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The list, structure and partners pages over HTTP: what they answer a browser, refusals included.</summary>
public sealed class EnrolmentDeskPagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_page_shows_stored_text_escaped_and_links_each_row_and_organisation()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();
        var form = Form(cohortId, siren);
        ((Dictionary<string, object?>)form["participant"]!)["lastName"] = "<script>alert(1)</script>";
        ((Dictionary<string, object?>)form["organisation"]!)["name"] = "<b>Structure</b>";
        var enrolmentId = (await _driver.PreRegisterAsync(form)).EnrolmentId;

        var html = await Html(staff, $"/inscriptions?edition={cohortId}", HttpStatusCode.OK);

        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("&lt;b&gt;Structure&lt;/b&gt;");
        html.ShouldContain($"href=\"/inscriptions/{enrolmentId}\"");
        html.ShouldContain($"href=\"/structures/{siren}\"");
        html.ShouldContain("1 inscription");
        html.ShouldContain($"/api/enrolment/v1/enrolments.csv?cohortId={cohortId}");
    }

    [Theory]
    [InlineData("recherche=a%00b", "Ce texte contient un caractère invisible non autorisé")]
    [InlineData("tri=prix", "Tri inconnu")]
    [InlineData("etape=Perdue", "Étape inconnue.")]
    [InlineData("edition=pas-un-identifiant", "Édition inconnue.")]
    public async Task A_bad_filter_in_the_address_is_told_in_French_beside_its_field(string query, string message)
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);

        var html = await Html(auditor, $"/inscriptions?{query}", HttpStatusCode.BadRequest);

        html.ShouldContain(message);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123456789")] // not Luhn-valid
    public async Task An_invalid_siren_is_the_French_not_found_page(string siren)
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);

        var html = await Html(auditor, $"/structures/{siren}", HttpStatusCode.NotFound);

        html.ShouldContain("Aucune structure inscrite n&#x27;a ce SIREN.");
    }

    [Fact]
    public async Task An_unknown_siren_is_the_French_not_found_page()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);

        var html = await Html(auditor, $"/structures/{NewSiren()}", HttpStatusCode.NotFound);

        html.ShouldContain("Aucune inscription pour le SIREN");
    }

    [Fact]
    public async Task The_structure_page_shows_the_commune_the_metropole_and_the_attested_membership()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var inec = await app.PartnerAsync(OrganisingStructure.Inec, PartnerScope.AttestMemberships);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();
        var form = Form(cohortId, siren, memberships: ["Inec"]);
        ((Dictionary<string, object?>)form["organisation"]!)["communeInseeCode"] = "93048";
        await _driver.PreRegisterAsync(form);
        var (attested, _) = await app.PostTrackedAsync(inec, Memberships, new { siren, membership = "Inec", since = app.Clock.TodayInParis().AddDays(-30) });
        attested.IsSuccessStatusCode.ShouldBeTrue(await attested.Content.ReadAsStringAsync(Cancellation));

        var html = await Html(staff, $"/structures/{siren}", HttpStatusCode.OK);

        html.ShouldContain("MONTREUIL");
        html.ShouldContain("Commune du territoire de la Métropole");
        html.ShouldContain("Attestée par l&#x27;INEC depuis le");
    }

    [Fact]
    public async Task The_partners_page_lists_each_partner_and_offers_keys_to_no_one_but_administrators()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);

        var html = await Html(auditor, "/partenaires", HttpStatusCode.OK);

        html.ShouldContain("Institut National de l&#x27;Économie Circulaire (INEC)");
        html.ShouldContain("Observatoire des Achats Responsables (ObsAR)");
        html.ShouldContain("Les Canaux");
        html.ShouldNotContain("Clés d&#x27;API de ce partenaire");
    }

    private static async Task<string> Html(HttpClient client, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, html.Length > 2000 ? html[..2000] : html);
        return html;
    }
}
