using System.Net;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Charter.CharterSignatureTests;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Charter;

/// <summary>The staff charter pages over HTTP: the editor, the diff and the signature report send the API's commands and refuse what it refuses.</summary>
public sealed partial class CharterPagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly Enrolment.EnrolmentDriver _driver = new(app);
    private readonly CharterSignatureTests _charter = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_saved_from_the_page_is_previewed_as_participants_will_read_it_with_its_HTML_shown_as_text()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var editor = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);

        var saved = await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "Charte 2027"), ("body", "Nous nous engageons **ensemble**.\n\n<script>alert(1)</script>"), ("commitments", "Venir aux plénières.\r\n\r\nAcheter mieux.")), Cancellation);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldEndWith($"/charte?edition={cohortId}&fait=brouillon");
        var page = await staff.GetStringAsync($"/charte?edition={cohortId}&fait=brouillon", Cancellation);
        WebUtility.HtmlDecode(page).ShouldContain("Brouillon enregistré.");
        page.ShouldContain("<strong>ensemble</strong>");
        page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        page.ShouldNotContain("<script>alert(1)");
        page.ShouldContain("<li>Venir aux plénières.</li>");
        page.ShouldContain("<li>Acheter mieux.</li>");
    }

    [Fact]
    public async Task The_preview_button_shows_the_text_typed_without_saving_it()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var editor = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);

        var previewed = await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "apercu"),
            ("title", "Charte en essai"), ("body", "## Préambule\n\nUn texte."), ("commitments", "Un engagement.")), Cancellation);

        var html = WebUtility.HtmlDecode(await previewed.Content.ReadAsStringAsync(Cancellation));
        previewed.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("il n'est pas encore enregistré");
        html.ShouldContain("<h2>Préambule</h2>");
        html.ShouldContain("value=\"Charte en essai\"");
        (await staff.GetStringAsync($"/api/charter/v1/cohorts/{cohortId}", Cancellation)).ShouldContain("\"draft\":null,\"versions\":[]"); // nothing written
    }

    [Fact]
    public async Task A_blank_draft_or_a_NUL_character_is_refused_beside_its_field_with_400_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var editor = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);

        var blank = await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "   "), ("body", "Un texte."), ("commitments", " \n ")), Cancellation);
        var nul = await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "Charte"), ("body", "Un\0 texte."), ("commitments", "Un engagement.")), Cancellation);
        var noCohort = await staff.PostAsync($"/charte?edition={Guid.Empty}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "Charte"), ("body", "Un texte."), ("commitments", "Un engagement.")), Cancellation);

        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await blank.Content.ReadAsStringAsync(Cancellation);
        html.ShouldContain("Le titre de la charte est obligatoire.");
        html.ShouldContain("Listez au moins un engagement.");
        html.ShouldContain("id=\"title-erreur\"");
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noCohort.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);
        (await staff.GetStringAsync($"/api/charter/v1/cohorts/{cohortId}", Cancellation)).ShouldContain("\"draft\":null,\"versions\":[]"); // nothing written
    }

    [Fact]
    public async Task An_auditor_reads_the_three_pages_without_a_form_and_is_refused_a_post()
    {
        var (staff, enrolmentId, _) = await _charter.ValidatedWithPublishedCharterAsync();
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var cohortId = await CohortOfAsync(staff, enrolmentId);
        var staffPage = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);

        foreach (var path in new[] { "/charte", "/charte/versions", "/charte/signatures" })
        {
            var page = await auditor.GetStringAsync($"{path}?edition={cohortId}&personne={enrolmentId}", Cancellation);
            page.ShouldNotContain("name=\"_handler\"");
        }

        var posted = await auditor.PostAsync($"/charte?edition={cohortId}", Posted(staffPage, "brouillon", ("action", "enregistrer"),
            ("title", "Charte"), ("body", "Un texte."), ("commitments", "Un engagement.")), Cancellation);
        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetStringAsync($"/api/charter/v1/cohorts/{cohortId}", Cancellation)).ShouldNotContain("\"title\":\"Charte\",");
    }

    [Fact]
    public async Task Publishing_confirms_who_must_sign_again_and_until_when_then_the_diff_shows_the_words_changed()
    {
        var (staff, enrolmentId, email) = await _charter.ValidatedWithPublishedCharterAsync();
        var cohortId = await CohortOfAsync(staff, enrolmentId);
        await SignAsync(email);
        var editor = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);
        (await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "Charte d'engagement de l'édition"), ("body", "Les participants s'engagent pendant toute l'édition, en ligne ou en présentiel."),
            ("commitments", "Participer aux séances plénières.")), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var confirmation = await staff.GetStringAsync($"/charte?edition={cohortId}&publier=oui", Cancellation);
        var deadline = FrenchDates.Long(app.Clock.GetUtcNow().AddDays(30));
        WebUtility.HtmlDecode(confirmation).ShouldContain($"1 signataire d'une version précédente devra signer la version 2, avant le {deadline}");
        confirmation.ShouldContain("Camille");
        var (published, _) = await app.TrackedAsync(staff, client => client.PostAsync($"/charte?edition={cohortId}&publier=oui", Posted(confirmation, "publication"), Cancellation));

        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var diff = WebUtility.HtmlDecode(await staff.GetStringAsync($"/charte/versions?edition={cohortId}&de=1&a=2", Cancellation));
        diff.ShouldContain("<ins><span class=\"visually-hidden\">[ajouté :] </span>");
        diff.ShouldContain("présentiel.</ins>");
        diff.ShouldContain("<del><span class=\"visually-hidden\">[retiré :] </span>");
        var report = WebUtility.HtmlDecode(await staff.GetStringAsync($"/charte/signatures?edition={cohortId}&etat=en-attente", Cancellation));
        report.ShouldContain($"Doit signer la version 2 avant le {deadline}.");
    }

    [Fact]
    public async Task The_diff_refuses_a_version_that_does_not_exist_or_the_same_one_twice_beside_the_select()
    {
        var (staff, enrolmentId, _) = await _charter.ValidatedWithPublishedCharterAsync();
        var cohortId = await CohortOfAsync(staff, enrolmentId);
        await PublishSecondVersionAsync(staff, cohortId);

        var unknown = await staff.GetAsync($"/charte/versions?edition={cohortId}&de=9&a=2", Cancellation);
        var malformed = await staff.GetAsync($"/charte/versions?edition={cohortId}&de=%00abc&a=2", Cancellation);
        var same = await staff.GetAsync($"/charte/versions?edition={cohortId}&de=2&a=2", Cancellation);
        var badCohort = await staff.GetAsync($"/charte/versions?edition=pas-un-identifiant", Cancellation);

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cette version n'existe pas");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        same.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await same.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"a-erreur\"");
        badCohort.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_report_shows_a_participant_who_never_signed_and_records_their_paper_signature_refusing_a_malformed_date()
    {
        var (staff, enrolmentId, _) = await _charter.ValidatedWithPublishedCharterAsync();
        var cohortId = await CohortOfAsync(staff, enrolmentId);
        var url = $"/charte/signatures?edition={cohortId}&personne={enrolmentId}";
        var report = await staff.GetStringAsync(url, Cancellation);
        report.ShouldContain("Jamais signée");

        var malformed = await staff.PostAsync(url, Posted(report, "papier", ("signedOn", "31/02/2027"), ("signerName", "Camille Durand"), ("role", "Directrice"), ("note", "Original au dossier.")), Cancellation);
        var future = await staff.PostAsync(url, Posted(report, "papier", ("signedOn", app.Clock.TodayInParis().AddDays(3).ToString("yyyy-MM-dd")), ("signerName", "Camille Durand"), ("role", "Directrice"), ("note", "Original au dossier.")), Cancellation);
        var noNote = await staff.PostAsync(url, Posted(report, "papier", ("signedOn", app.Clock.TodayInParis().ToString("yyyy-MM-dd")), ("signerName", "Camille Durand"), ("role", "Directrice"), ("note", " ")), Cancellation);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cette date n'est pas valide");
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync(Cancellation)).ShouldContain("La date de signature ne peut être dans le futur.");
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.GetStringAsync($"/charte/signatures?edition={cohortId}&etat=jamais", Cancellation)).ShouldContain($"/inscriptions/{enrolmentId}");

        var (recorded, _) = await app.TrackedAsync(staff, client => client.PostAsync(url, Posted(report, "papier",
            ("signedOn", app.Clock.TodayInParis().ToString("yyyy-MM-dd")), ("signerName", "Camille Durand"), ("role", "Directrice"), ("note", "Original au dossier.")), Cancellation));

        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await staff.GetStringAsync($"/charte/signatures?edition={cohortId}&etat=a-jour", Cancellation);
        after.ShouldContain($"/inscriptions/{enrolmentId}");
    }

    [Fact]
    public async Task A_revocation_needs_its_confirmation_and_an_unknown_or_empty_enrolment_is_a_French_refusal_not_an_error()
    {
        var (staff, enrolmentId, email) = await _charter.ValidatedWithPublishedCharterAsync();
        var cohortId = await CohortOfAsync(staff, enrolmentId);
        await SignAsync(email);
        var url = $"/charte/signatures?edition={cohortId}&personne={enrolmentId}";
        var report = await staff.GetStringAsync(url, Cancellation);

        var unconfirmed = await staff.PostAsync(url, Posted(report, "revocation", ("reason", "A quitté la collectivité.")), Cancellation);
        var emptyId = await staff.PostAsync(url, Replaced(Fields(report, "lien"), "enrolmentId", Guid.Empty.ToString()), Cancellation);
        var malformedId = await staff.PostAsync(url, Replaced(Fields(report, "lien"), "enrolmentId", "pas-un-identifiant"), Cancellation);

        unconfirmed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unconfirmed.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cochez la case pour confirmer la révocation.");
        emptyId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await emptyId.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cette personne n'est pas parmi les participants de l'édition");
        malformedId.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var (revoked, _) = await app.TrackedAsync(staff, client => client.PostAsync(url, Posted(report, "revocation", ("reason", "A quitté la collectivité."), ("confirm", "true")), Cancellation));

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.GetStringAsync($"/charte/signatures?edition={cohortId}&etat=revoquee", Cancellation)).ShouldContain($"/inscriptions/{enrolmentId}");
    }

    private async Task<Guid> CohortOfAsync(HttpClient staff, Guid enrolmentId) =>
        (await (await staff.GetAsync($"{Enrolments}/{enrolmentId}", Cancellation)).ReadAsync<Enrolment.EnrolmentAnswer>(HttpStatusCode.OK)).CohortId;

    private async Task SignAsync(MimeKit.MimeMessage email)
    {
        using var browser = app.CreateBrowserClient();
        var link = LinkIn(email);
        var page = await browser.GetStringAsync(link, Cancellation);
        (await app.TrackedAsync(browser, client => client.PostAsync(link, Signature(page), Cancellation))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task PublishSecondVersionAsync(HttpClient staff, Guid cohortId)
    {
        var editor = await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation);
        (await staff.PostAsync($"/charte?edition={cohortId}", Posted(editor, "brouillon", ("action", "enregistrer"),
            ("title", "Charte amendée"), ("body", "Un texte amendé."), ("commitments", "Un engagement.")), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var confirmation = await staff.GetStringAsync($"/charte?edition={cohortId}&publier=oui", Cancellation);
        (await app.TrackedAsync(staff, client => client.PostAsync($"/charte?edition={cohortId}&publier=oui", Posted(confirmation, "publication"), Cancellation)))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>The form <paramref name="form"/> of <paramref name="page"/> as the browser would post it: its hidden fields, then these.</summary>
    private static FormUrlEncodedContent Posted(string page, string form, params (string Name, string Value)[] fields) => new(Fields(page, form, fields));

    private static List<KeyValuePair<string, string>> Fields(string page, string form, params (string Name, string Value)[] fields)
    {
        var match = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == form).Value;
        var html = match[match.LastIndexOf("<form", StringComparison.Ordinal)..]; // the lazy match may start at an earlier form
        var posted = HiddenField().Matches(html).Select(hidden => new KeyValuePair<string, string>(hidden.Groups["name"].Value, WebUtility.HtmlDecode(hidden.Groups["value"].Value))).ToList();
        posted.AddRange(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return posted;
    }

    private static FormUrlEncodedContent Replaced(List<KeyValuePair<string, string>> fields, string name, string value) =>
        new([.. fields.Where(field => field.Key != name), new(name, value)]);

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
