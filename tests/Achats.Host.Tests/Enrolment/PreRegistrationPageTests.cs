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
    public async Task A_person_fills_in_the_page_and_is_told_their_pre_registration_is_recorded_with_its_eligibility()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync("/inscription", Cancellation);
        page.ShouldContain($"value=\"{cohortId}\"");
        page.ShouldContain("Commune, établissement public territorial (EPT) ou Métropole du Grand Paris");

        var fields = Fields(page, cohortId);
        var response = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);

        var receipt = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, receipt);
        receipt.ShouldContain("Pré-inscription enregistrée");
        receipt.ShouldContain("Structure publique du territoire de la Métropole du Grand Paris (commune INSEE 93048).");
        var enrolmentId = Guid.Parse(Reference().Match(receipt).Groups[1].Value);
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.Participant.Email.ShouldStartWith("page.");
        enrolment.Project!.Category.ShouldBe("Catering");

        // Sent twice (a double click, a reload): the same answer, not a duplicate.
        var again = await browser.PostAsync("/inscription", new FormUrlEncodedContent(fields), Cancellation);
        (await again.Content.ReadAsStringAsync(Cancellation)).ShouldContain(enrolmentId.ToString());
    }

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

    [GeneratedRegex("<code>([0-9a-f-]{36})</code>")]
    private static partial Regex Reference();
}
