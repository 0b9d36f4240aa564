using System.Net;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The public pre-registration page: the same command as the API, for people, in French.</summary>
public sealed partial class PreRegistrationPageTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_fills_in_the_page_and_is_told_an_email_follows_the_same_way_for_a_new_address_and_a_known_one()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync("/inscription", Cancellation);
        page.ShouldContain($"value=\"{cohortId}\"");
        page.ShouldContain("Commune, établissement public territorial (EPT) ou Métropole du Grand Paris");
        page.ShouldContain("href=\"/confidentialite\""); // the consent box links the privacy notice

        var fields = Fields(page, cohortId);
        var response = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);

        var answer = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, answer);
        answer.ShouldContain("Demande de pré-inscription reçue");
        answer.ShouldContain("Un courriel vous est envoyé");
        var email = fields.Single(field => field.Key == "participant.email").Value;
        var receipt = await _driver.RecordedAsync(cohortId, email);
        var enrolment = await _driver.EnrolmentAsync(staff, receipt.EnrolmentId);
        enrolment.Project!.Category.ShouldBe("Catering");
        enrolment.PrivacyNoticeVersion.ShouldBe(Achats.Enrolment.Privacy.PrivacyNotice.Version);

        // Sent twice (a double click, a reload): the same page, not a duplicate.
        var again = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);
        Answer(await again.Content.ReadAsStringAsync(Cancellation)).ShouldBe(Answer(answer));
        // The same address from a fresh form: the same page again; the person is told by email.
        var fresh = Fields(await browser.GetStringAsync("/inscription", Cancellation), cohortId)
            .Select(field => field.Key == "participant.email" ? new KeyValuePair<string, string>(field.Key, email) : field).ToList();
        var (repeated, messages) = await app.TrackedAsync(browser, client => client.PostAsync("/inscription", new FormUrlEncodedContent(fresh), Cancellation));
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        Answer(await repeated.Content.ReadAsStringAsync(Cancellation)).ShouldBe(Answer(answer));
        messages.Sent.MessagesOf<Achats.Shared.Email.SendEmail>().ShouldHaveSingleItem().Subject.ShouldContain("déjà pré-inscrit·e");
        (await _driver.RecordedAsync(cohortId, email)).EnrolmentId.ShouldBe(receipt.EnrolmentId);
    }

    /// <summary>The page's main content, without the antiforgery token that changes from one answer to the next.</summary>
    private static string Answer(string html) => MainContent().Match(html).Value;

    [Fact]
    public async Task Errors_are_shown_in_French_beside_their_fields_and_what_was_typed_is_kept()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync("/inscription", Cancellation);
        var fields = Fields(page, cohortId).Where(field => field.Key is not ("consentToDataProcessing" or "participant.profile")).ToList();
        fields.Add(new("declaredMemberships", "Fournisseur"));
        fields.Add(new("organisation.siren", "123"));

        var response = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Le profil est obligatoire.");
        html.ShouldContain("Votre consentement au traitement de vos données personnelles est nécessaire");
        html.ShouldContain("Adhésion inconnue.");
        html.ShouldContain("aria-invalid=\"true\"");
        html.ShouldContain("value=\"Camille\"");
    }

    [Fact]
    public async Task A_supplier_is_told_about_the_catalogue_and_a_forged_post_is_refused()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync("/inscription", Cancellation);
        var fields = Fields(page, cohortId);
        fields.Add(new("promotesOwnSolution", "true"));

        var supplier = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);
        using var forger = app.CreateBrowserClient();
        var forged = await forger.PostAsync("/inscription", new FormUrlEncodedContent(Fields(page, cohortId)), Cancellation);

        supplier.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await supplier.Content.ReadAsStringAsync(Cancellation)).ShouldContain("catalogue de solutions");
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Formulaire expiré");
    }

    /// <summary>A complete form as a person would send it from <paramref name="page"/>: a public body of Montreuil.</summary>
    internal static List<KeyValuePair<string, string>> Fields(string page, Guid cohortId) =>
    [
        new("__RequestVerificationToken", Hidden(page, "__RequestVerificationToken")),
        new("_handler", Hidden(page, "_handler")),
        new("idempotencyKey", Hidden(page, "idempotencyKey")),
        new("cohortId", cohortId.ToString()),
        new("participant.firstName", "Camille"),
        new("participant.lastName", "Durand"),
        new("participant.email", $"page.{Guid.CreateVersion7():N}@ville.test"),
        new("participant.jobTitle", "Acheteuse"),
        new("participant.profile", "PublicBuyer"),
        new("organisation.name", "Ville de Montreuil"),
        new("organisation.kind", "CommuneEptOrMetropole"),
        new("organisation.siren", EnrolmentDriver.NewSiren()),
        new("organisation.communeInseeCode", "93048"),
        new("project.title", "Restauration scolaire"),
        new("project.category", "Catering"),
        new("project.themes", "Circular"),
        new("consentToDataProcessing", "true"),
    ];

    private static string Hidden(string page, string name) =>
        Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]+)\"").Groups[1].Value;

    [GeneratedRegex("<main[^>]*>.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainContent();
}
