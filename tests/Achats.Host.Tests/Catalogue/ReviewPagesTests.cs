using System.Net;
using System.Text.RegularExpressions;
using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Catalogue.ReviewDriver;

namespace Achats.Host.Tests.Catalogue;

/// <summary>The queue and a solution's staff page over HTTP: their decisions are the API's, refused to whoever the API refuses.</summary>
public sealed partial class ReviewPagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly ReviewDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_ask_for_changes_then_publish_from_the_page_and_each_email_is_sent()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Mobilier de bureau réemployé");
        var solutionId = await app.AwaitingReviewAsync(content);
        var page = await Html(staff, Page(solutionId), HttpStatusCode.OK);

        var asked = await PostAsync(staff, solutionId, Decision(page, "modifications", ("message", "Ajoutez une référence publique.")));

        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        asked.Headers.Location!.ToString().ShouldEndWith($"{Page(solutionId)}?fait=modifications");
        (await Html(staff, asked.Headers.Location.ToString(), HttpStatusCode.OK)).ShouldContain("Demande de modifications envoyée au fournisseur.");
        (await app.LatestEmailToAsync(content.Contact.Email, "Des modifications sont demandées")).Text.ShouldContain("Ajoutez une référence publique.");

        await _driver.ReviseAsync(solutionId, content);
        var published = await PostAsync(staff, solutionId, Decision(await Html(staff, Page(solutionId), HttpStatusCode.OK), "publication"));

        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _driver.SolutionAsync(staff, solutionId)).Status.ShouldBe(SolutionStatus.Published);
        (await app.LatestEmailToAsync(content.Contact.Email, "est publiée")).LinkTo("/catalogue/modifier/").ShouldStartWith("/catalogue/modifier/");
    }

    [Fact]
    public async Task Refusing_and_unpublishing_from_the_page_send_the_reason()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var refused = Content("Prestation sans lien");
        var refusedId = await app.AwaitingReviewAsync(refused);
        var online = Content("Vélos reconditionnés");
        var onlineId = await _driver.PublishedAsync(staff, online);

        var refusal = await PostAsync(staff, refusedId, Decision(await Html(staff, Page(refusedId), HttpStatusCode.OK), "refus", ("reason", "Hors du champ du catalogue.")));
        var unpublication = await PostAsync(staff, onlineId, Decision(await Html(staff, Page(onlineId), HttpStatusCode.OK), "retrait", ("reason", "Activité cessée.")));

        refusal.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unpublication.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.LatestEmailToAsync(refused.Contact.Email, "n'est pas retenue")).Text.ShouldContain("Hors du champ du catalogue.");
        (await app.LatestEmailToAsync(online.Contact.Email, "est retirée du catalogue")).Text.ShouldContain("Activité cessée.");
    }

    [Fact]
    public async Task A_stale_page_is_told_in_French_with_a_link_to_reload_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var solutionId = await app.AwaitingReviewAsync(Content("Traiteur d'insertion"));
        var stale = await Html(staff, Page(solutionId), HttpStatusCode.OK);
        await PostAsync(staff, solutionId, Decision(stale, "modifications", ("message", "Précisez vos tarifs.")));

        var conflict = await PostAsync(staff, solutionId, Decision(stale, "publication"));

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await conflict.Content.ReadAsStringAsync(Cancellation);
        html.ShouldContain("Recharger la page pour voir la solution à jour");
        html.ShouldContain("Modifications demandées");
        (await _driver.EventsAsync(solutionId)).ShouldBe(2);
    }

    [Fact]
    public async Task A_reason_missing_or_holding_a_NUL_character_is_told_beside_its_field_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var solutionId = await app.AwaitingReviewAsync(Content("Signalétique recyclée"));
        var page = await Html(staff, Page(solutionId), HttpStatusCode.OK);

        var empty = await PostAsync(staff, solutionId, Decision(page, "refus", ("reason", "")));
        var nul = await PostAsync(staff, solutionId, Decision(page, "refus", ("reason", "Hors\0 champ.")));

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await empty.Content.ReadAsStringAsync(Cancellation);
        html.ShouldContain("Le motif du refus est obligatoire");
        html.ShouldContain("id=\"refus-reason-erreur\"");
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.EventsAsync(solutionId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_auditor_reads_the_page_without_its_decisions_and_a_posted_decision_is_refused()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var solutionId = await app.AwaitingReviewAsync(Content("Entretien de locaux"));
        var staffPage = await Html(staff, Page(solutionId), HttpStatusCode.OK);

        var page = await Html(auditor, Page(solutionId), HttpStatusCode.OK);
        var posted = await PostAsync(auditor, solutionId, Decision(staffPage, "publication"));

        page.ShouldNotContain("name=\"_handler\"");
        page.ShouldContain("Historique");
        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _driver.EventsAsync(solutionId)).ShouldBe(1);
    }

    [Fact]
    public async Task The_page_shows_the_version_as_the_public_will_read_it_with_the_suppliers_Markdown_below_its_headings()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Mobilier <b>réemployé</b>");
        content = content with { Solution = content.Solution with { Description = "# Notre offre\n\nDes **bureaux** remis en état.<script>alert(1)</script>" } };
        var solutionId = await app.AwaitingReviewAsync(content);

        var html = await Html(staff, Page(solutionId), HttpStatusCode.OK);

        html.ShouldContain("<h4>Notre offre</h4>");
        html.ShouldContain("<strong>bureaux</strong>");
        html.ShouldNotContain("<script>alert(1)</script>");
        html.ShouldContain("Mobilier &lt;b&gt;réemployé&lt;/b&gt;");
        html.ShouldContain("Coopérative (SCOP ou SCIC)");
        html.ShouldContain("Paris (75)");
        html.ShouldContain(content.Contact.Email);
        html.ShouldContain($"{content.Contact.Email} (fournisseur)");
    }

    [Fact]
    public async Task A_published_solutions_edit_shows_which_fields_it_changes()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Collecte de cartons");
        var solutionId = await _driver.PublishedAsync(staff, content);
        await _driver.ReviseAsync(solutionId, content with { Solution = content.Solution with { Summary = "Collecte et recyclage des cartons de bureau." } });

        var html = await Html(staff, Page(solutionId), HttpStatusCode.OK);

        html.ShouldContain("Ce que la modification change");
        html.ShouldContain("<li>Résumé</li>");
        html.ShouldContain("Modification à relire (la version publiée reste en ligne)");
        html.ShouldNotContain("Refuser la solution"); // a published solution is unpublished, not refused
        html.ShouldContain("Retirer du catalogue");
    }

    [Fact]
    public async Task The_queue_shows_each_step_with_its_count_and_each_row_in_French()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var content = Content("Restauration collective bio");
        var solutionId = await app.AwaitingReviewAsync(content);

        var html = await Html(auditor, "/catalogue/relecture", HttpStatusCode.OK);
        var refused = await Html(auditor, "/catalogue/relecture?etape=Refused", HttpStatusCode.OK);
        var unknown = await Html(auditor, "/catalogue/relecture?etape=Perdue", HttpStatusCode.BadRequest);

        html.ShouldContain($"href=\"/catalogue/relecture/{solutionId}\"");
        html.ShouldContain(content.Solution.Title);
        html.ShouldContain("Ateliers du Réemploi");
        html.ShouldContain("Coopérative (SCOP ou SCIC)");
        html.ShouldContain("Mobilier");
        html.ShouldContain("href=\"/catalogue/relecture?etape=Published\"");
        html.ShouldContain("aria-current=\"page\"");
        refused.ShouldNotContain(content.Solution.Title);
        unknown.ShouldContain("Étape inconnue");
    }

    [Fact]
    public async Task A_solution_that_does_not_exist_is_the_French_not_found_page()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        (await Html(staff, Page(Guid.CreateVersion7()), HttpStatusCode.NotFound)).ShouldContain("Aucune solution du catalogue ne porte cet identifiant.");
    }

    private static string Page(Guid solutionId) => $"/catalogue/relecture/{solutionId}";

    /// <summary>Posts a decision and waits for what it causes, its email included.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid solutionId, FormUrlEncodedContent form) =>
        (await app.TrackedAsync(client, browser => browser.PostAsync(Page(solutionId), form, Cancellation))).Response;

    /// <summary>The decision form <paramref name="form"/> of <paramref name="page"/>, as the browser would post it.</summary>
    private static FormUrlEncodedContent Decision(string page, string form, params (string Name, string Value)[] fields)
    {
        var html = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == form).Value;
        List<KeyValuePair<string, string>> posted =
        [
            new("__RequestVerificationToken", Hidden(html, "__RequestVerificationToken")),
            new("_handler", form),
            new("version", Hidden(html, "version")),
        ];
        posted.AddRange(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return new FormUrlEncodedContent(posted);
    }

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();

    private static async Task<string> Html(HttpClient client, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(expected, html.Length > 3000 ? html[..3000] : html);
        return html;
    }
}
