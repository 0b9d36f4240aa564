using System.Net;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// The purchasing projects' pages over HTTP: the list, the declaration, one project and its update, the impact
/// report. They send the API's commands, refused to whoever and whatever the API refuses, told in French beside the field.
/// </summary>
public sealed partial class ProjectPagesTests(ApiWithAdmittedParticipants api) : IClassFixture<ApiWithAdmittedParticipants>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string List => $"/projets?edition={api.CohortId}";

    private string Declaration => $"/projets/nouveau?edition={api.CohortId}";

    private string Report => $"/projets/bilan?edition={api.CohortId}";

    private string ProjectPage(Guid projectId) => $"/projets/{projectId}?edition={api.CohortId}";

    [Fact]
    public async Task The_list_shows_each_project_with_its_owners_and_links_both_exports()
    {
        var page = await api.Staff.GetStringAsync(List, Cancellation);

        page.ShouldContain("Rénovation des bureaux");
        page.ShouldContain("Camille");
        page.ShouldContain("Bâtiment et travaux publics (BTP)");
        page.ShouldContain($"/api/cohorts/v1/cohorts/{api.CohortId}/projects.csv");
        page.ShouldContain($"/api/cohorts/v1/cohorts/{api.CohortId}/projects.xlsx");
        page.ShouldContain("Télécharger (Excel)");
        page.ShouldContain("Déclarer un projet d&#x27;achat");
    }

    [Fact]
    public async Task The_list_filters_by_category_and_milestone_in_its_address()
    {
        await DeclareAsync("Vélos cargo pour les services techniques", "VehiclesAndMobility");

        var vehicles = await api.Staff.GetStringAsync($"{List}&categorie=VehiclesAndMobility&etape=NeedExpressed", Cancellation);
        var none = await api.Staff.GetStringAsync($"{List}&categorie=VehiclesAndMobility&etape=ContractAwarded", Cancellation);

        vehicles.ShouldContain("Vélos cargo pour les services techniques");
        vehicles.ShouldNotContain("Rénovation des bureaux");
        none.ShouldContain("Aucun projet ne correspond à ces filtres.");
    }

    [Fact]
    public async Task Staff_declare_a_project_for_a_participant_chosen_by_name_and_land_on_it()
    {
        var form = await api.Staff.GetStringAsync(Declaration, Cancellation);
        form.ShouldContain($"<option value=\"{api.Claude}\">Claude");

        var posted = await api.Staff.PostAsync(Declaration, Post(form, "declaration",
            ("enrolmentId", api.Claude.ToString()), ("title", "Nettoyage des locaux par une entreprise d'insertion"), ("category", "Cleaning"),
            ("themes", "Solidarity"), ("milestone", "NeedExpressed"), ("expectedProcedureOn", "2027-09-15"), ("notes", "Clause sociale de 10 %.")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var landing = posted.Headers.Location!.ToString();
        landing.ShouldContain("&fait=declaration");
        var page = await api.Staff.GetStringAsync(landing, Cancellation);
        page.ShouldContain("Projet d&#x27;achat déclaré.");
        page.ShouldContain("15 septembre 2027");
        page.ShouldContain("Économie sociale et solidaire");
    }

    [Fact]
    public async Task A_declaration_without_title_or_theme_is_refused_beside_its_fields_and_nothing_is_written()
    {
        var before = await CountAsync();
        var form = await api.Staff.GetStringAsync(Declaration, Cancellation);

        var posted = await api.Staff.PostAsync(Declaration, Post(form, "declaration",
            ("enrolmentId", api.Claude.ToString()), ("title", "   "), ("category", "Cleaning"), ("milestone", "NeedExpressed")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await posted.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("id=\"title-erreur\"");
        page.ShouldContain("L&#x27;intitulé du projet d&#x27;achat est obligatoire.");
        page.ShouldContain("Choisissez au moins un enjeu");
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("enrolmentId", "00000000-0000-0000-0000-000000000000", "enrolmentId")]
    [InlineData("enrolmentId", "pas-un-identifiant", "enrolmentId")]
    [InlineData("category", "42", "category")]
    [InlineData("milestone", "Termine", "milestone")]
    [InlineData("expectedProcedureOn", "2027-02-31", "expectedProcedureOn")]
    public async Task Hostile_input_is_refused_on_its_field_never_a_500_and_nothing_is_written(string field, string value, string refusedField)
    {
        var before = await CountAsync();
        var form = await api.Staff.GetStringAsync(Declaration, Cancellation);
        Dictionary<string, string> fields = new()
        {
            ["enrolmentId"] = api.Claude.ToString(), ["title"] = "Mobilier de réemploi", ["category"] = "Furniture",
            ["themes"] = "Circular", ["milestone"] = "NeedExpressed", [field] = value,
        };

        var posted = await api.Staff.PostAsync(Declaration, Post(form, "declaration", [.. fields.Select(pair => (pair.Key, pair.Value))]), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await posted.Content.ReadAsStringAsync(Cancellation)).ShouldContain($"id=\"{refusedField}-erreur\"");
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("title", "Mobilier\0 de réemploi")]
    [InlineData("themes", "Circular\0")]
    [InlineData("notes", "\0")]
    public async Task A_NUL_character_in_a_posted_form_is_refused_with_a_400_never_a_500_and_nothing_is_written(string field, string value)
    {
        var before = await CountAsync();
        var form = await api.Staff.GetStringAsync(Declaration, Cancellation);
        Dictionary<string, string> fields = new()
        {
            ["enrolmentId"] = api.Claude.ToString(), ["title"] = "Mobilier de réemploi", ["category"] = "Furniture",
            ["themes"] = "Circular", ["milestone"] = "NeedExpressed", [field] = value,
        };

        var posted = await api.Staff.PostAsync(Declaration, Post(form, "declaration", [.. fields.Select(pair => (pair.Key, pair.Value))]), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("/projets?categorie=Inconnue", HttpStatusCode.BadRequest, "Catégorie d&#x27;achat inconnue")]
    [InlineData("/projets?etape=3", HttpStatusCode.BadRequest, "Étape inconnue")]
    [InlineData("/projets?edition=pas-un-identifiant", HttpStatusCode.OK, "Projets d&#x27;achat")]
    [InlineData("/projets/bilan?edition=%00", HttpStatusCode.OK, "Bilan d&#x27;impact")]
    [InlineData("/projets/pas-un-identifiant", HttpStatusCode.NotFound, "")]
    [InlineData("/projets/00000000-0000-0000-0000-000000000000", HttpStatusCode.NotFound, "Ressource introuvable")]
    public async Task Malformed_addresses_get_a_clear_answer_never_a_500(string url, HttpStatusCode status, string words)
    {
        var response = await api.Staff.GetAsync(url, Cancellation);

        response.StatusCode.ShouldBe(status);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain(words);
    }

    [Fact]
    public async Task An_auditor_reads_every_page_sees_no_form_and_a_post_is_refused()
    {
        using var auditor = await api.SignedInAsync(StaffRole.Auditor);
        var projectId = await DeclareAsync("Fournitures reconditionnées", "OfficeSupplies");
        var before = await CountAsync();

        foreach (var url in new[] { List, Declaration, ProjectPage(projectId), Report })
        {
            var page = await auditor.GetStringAsync(url, Cancellation);
            page.ShouldNotContain("name=\"_handler\"", customMessage: url);
            page.ShouldNotContain("Déclarer un projet d&#x27;achat</a>", customMessage: url);
        }

        var staffForm = await api.Staff.GetStringAsync(Declaration, Cancellation);
        var posted = await auditor.PostAsync(Declaration, Post(staffForm, "declaration",
            ("enrolmentId", api.Claude.ToString()), ("title", "Essai"), ("category", "Cleaning"), ("themes", "Circular"), ("milestone", "NeedExpressed")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_update_moves_the_milestone_on_and_the_history_says_from_what_to_what()
    {
        var projectId = await DeclareAsync("Restauration collective bio", "Catering");
        var page = await api.Staff.GetStringAsync(ProjectPage(projectId), Cancellation);

        var posted = await api.Staff.PostAsync(ProjectPage(projectId), Post(page, "mise-a-jour",
            ("title", "Restauration collective bio"), ("category", "Catering"), ("themes", "Circular"), ("themes", "Solidarity"),
            ("milestone", "ConsultationPublished"), ("expectedProcedureOn", ""), ("notes", "")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await api.Staff.GetStringAsync(posted.Headers.Location!.ToString(), Cancellation);
        after.ShouldContain("Projet d&#x27;achat mis à jour.");
        after.ShouldContain("Étape : Besoin exprimé → Consultation publiée");
        after.ShouldContain("Enjeux : Économie circulaire → Les deux");
    }

    [Fact]
    public async Task An_update_made_on_a_page_left_open_while_a_colleague_changed_the_project_is_refused_and_explained()
    {
        var projectId = await DeclareAsync("Textiles de travail recyclés", "Textiles");
        var stale = await api.Staff.GetStringAsync(ProjectPage(projectId), Cancellation);
        await SendAsync<ProjectChangeAnswer>(api.Staff, HttpMethod.Put, $"{api.Cohort}/projects/{projectId}", new
        {
            version = 1, title = "Textiles de travail recyclés", category = "Textiles", themes = new[] { "Circular" }, milestone = "ContractAwarded",
        }, HttpStatusCode.OK);

        var posted = await api.Staff.PostAsync(ProjectPage(projectId), Post(stale, "mise-a-jour",
            ("title", "Textiles de travail recyclés"), ("category", "Textiles"), ("themes", "Circular"), ("milestone", "ConsultationPublished")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = await posted.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("Quelqu&#x27;un d&#x27;autre a modifié cet élément entre-temps");
        page.ShouldContain("Recharger la page pour voir la dernière version");
        page.ShouldContain("<span class=\"badge\">Marché attribué</span>");
    }

    [Fact]
    public async Task An_update_through_the_API_without_the_version_read_is_a_field_error()
    {
        var projectId = await DeclareAsync("Espaces verts en insertion", "GreenSpaces");

        var problem = await SendAsync<Problem>(api.Staff, HttpMethod.Put, $"{api.Cohort}/projects/{projectId}", new
        {
            title = "Espaces verts en insertion", category = "GreenSpaces", themes = new[] { "Solidarity" }, milestone = "UnderWay",
        }, HttpStatusCode.BadRequest);

        problem.Errors.ShouldNotBeNull().ShouldContainKey("version");
    }

    [Fact]
    public async Task A_stored_script_is_shown_as_text_on_the_list_and_the_project()
    {
        var projectId = await DeclareAsync("<script>alert(1)</script>", "Events");

        foreach (var url in new[] { List, ProjectPage(projectId) })
        {
            var page = await api.Staff.GetStringAsync(url, Cancellation);
            page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
            page.ShouldNotContain("<script>alert(1)");
        }
    }

    [Fact]
    public async Task Each_chart_of_the_report_draws_the_numbers_of_the_table_beside_it()
    {
        var report = (await GetAsync<ProjectsAnswer>(api.Staff, $"{api.Cohort}/projects")).Report;

        var page = await api.Staff.GetStringAsync(Report, Cancellation);

        foreach (var (chart, lines) in new[] { ("categorie", report.ByCategory), ("enjeu", report.ByTheme), ("etape", report.ByMilestone) })
        {
            var svg = Regex.Match(page, $"<svg[^>]*aria-labelledby=\"graphique-{chart}-titre\".*?</svg>", RegexOptions.Singleline).Value;
            svg.ShouldContain("role=\"img\"");
            var bars = Regex.Matches(svg, "data-count=\"(\\d+)\"").Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var table = Regex.Match(page, $"<table class=\"counts\" id=\"bilan-{chart}\">.*?</table>", RegexOptions.Singleline).Value;
            var cells = Regex.Matches(table, "<tr><th scope=\"row\">[^<]*</th><td>(\\d+)</td></tr>").Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

            bars.ShouldBe(lines.Select(line => line.Count).ToList(), chart);
            cells.ShouldBe(bars, chart);
            bars.Sum().ShouldBe(report.Total, chart);
        }
    }

    [Fact]
    public async Task The_report_of_a_cohort_without_projects_says_so_in_words()
    {
        var cohortId = await new Enrolment.EnrolmentDriver(api).OpenCohortAsync(api.Staff);

        var page = await api.Staff.GetStringAsync($"/projets/bilan?edition={cohortId}", Cancellation);

        page.ShouldContain("Aucun projet actif dans cette édition pour l&#x27;instant");
        page.ShouldNotContain("<svg");
    }

    private async Task<Guid> DeclareAsync(string title, string category) =>
        (await SendAsync<ProjectChangeAnswer>(api.Staff, HttpMethod.Post, $"{api.Cohort}/projects", new
        {
            enrolmentId = api.Claude, title, category, themes = new[] { "Circular" }, milestone = "NeedExpressed",
        }, HttpStatusCode.Created)).ProjectId;

    private async Task<int> CountAsync() => (await GetAsync<ProjectsAnswer>(api.Staff, $"{api.Cohort}/projects")).Projects.Count;

    /// <summary>The form <paramref name="name"/> of <paramref name="page"/>, as the browser would post it (its token, its handler, the fields given).</summary>
    private static FormUrlEncodedContent Post(string page, string name, params (string Name, string Value)[] fields)
    {
        var form = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == name).Value;
        List<KeyValuePair<string, string>> posted =
        [
            new("__RequestVerificationToken", Hidden(form, "__RequestVerificationToken")),
            new("_handler", name),
        ];
        if (Hidden(form, "version") is { Length: > 0 } version)
        {
            posted.Add(new("version", version));
        }

        posted.AddRange(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return new FormUrlEncodedContent(posted);
    }

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();
}
