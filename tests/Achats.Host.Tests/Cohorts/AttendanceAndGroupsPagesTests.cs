using System.Net;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// Launched, the plenary held (two days later), nothing recorded yet, no group proposed; a second plenary scheduled a
/// month ahead, its title holding a script.
/// </summary>
public sealed class PagesWithPlenaryHeld(PostgresServer postgres) : ApiWithLaunchedCohort(postgres)
{
    public const string ScriptTitle = "<script>alert(1)</script> Bilan";

    public Guid Later { get; private set; }

    public HttpClient Auditor { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var day = StartsOn.AddDays(30).ToDateTime(TimeOnly.MinValue);
        Later = (await SendAsync<CohortChangeAnswer>(Staff, HttpMethod.Post, $"{Cohort}/sessions",
            Session(SequenceId, ScriptTitle, "Plenary", day.AddHours(9.5), day.AddHours(12)), HttpStatusCode.Created)).CreatedId!.Value;
        await AdvanceAsync(TimeSpan.FromDays(2));
        Auditor = await SignedInAsync(StaffRole.Auditor);
    }
}

/// <summary>The attendance sheet, the attendance report and the working groups' page over HTTP: the API's commands, the API's refusals.</summary>
public sealed partial class AttendanceAndGroupsPagesTests(PagesWithPlenaryHeld api) : IClassFixture<PagesWithPlenaryHeld>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Sheet => $"/presence/{api.Plenary}?edition={api.CohortId}";

    [Fact]
    public async Task Staff_see_the_roster_of_the_session_with_three_choices_each()
    {
        var page = await api.Staff.GetStringAsync(Sheet, Cancellation);

        page.ShouldContain("Séance de lancement");
        page.ShouldContain("Enregistrer la feuille");
        page.ShouldContain("Tous présents");
        foreach (var person in new[] { api.Camille, api.Dominique, api.Claude })
        {
            page.ShouldContain($"name=\"presence-{person:N}\" value=\"Excused\"");
        }
    }

    [Fact]
    public async Task An_auditor_reads_the_sheet_without_a_form_and_is_refused_a_post()
    {
        var before = await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation);
        var page = await api.Auditor.GetStringAsync(Sheet, Cancellation);
        var staffPage = await api.Staff.GetStringAsync(Sheet, Cancellation);

        page.ShouldNotContain("name=\"_handler\"");
        page.ShouldContain("<caption id=\"marques\">");
        var posted = await api.Auditor.PostAsync(Sheet, Post(staffPage, "feuille", ("action", "enregistrer"), ($"presence-{api.Claude:N}", "Absent")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation)).ShouldBe(before);
    }

    [Fact]
    public async Task All_present_fills_the_unmarked_rows_and_records_nothing()
    {
        var before = await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation);
        var page = await api.Staff.GetStringAsync(Sheet, Cancellation);

        var shown = await api.Staff.PostAsync(Sheet, Post(page, "feuille", ("action", "tous-presents")), Cancellation);

        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await shown.Content.ReadAsStringAsync(Cancellation);
        html.ShouldContain("indiquées présentes");
        CheckedValue(html, api.Claude).ShouldBe("Present");
        (await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation)).ShouldBe(before);
    }

    [Fact]
    public async Task A_sheet_saved_records_only_the_changes_and_a_sheet_recorded_meanwhile_is_refused_with_a_reload_link()
    {
        var page = await api.Staff.GetStringAsync(Sheet, Cancellation);
        var current = new[] { api.Camille, api.Dominique, api.Claude }.Select(id => (Id: id, Mark: CheckedValue(page, id))).ToList();
        var flipped = current.Select(row => ($"presence-{row.Id:N}", row.Mark == "Present" ? "Absent" : "Present")).ToList();

        var saved = await api.Staff.PostAsync(Sheet, Post(page, "feuille", [("action", "enregistrer"), .. flipped]), Cancellation);
        var stale = await api.Staff.PostAsync(Sheet, Post(page, "feuille", ("action", "enregistrer"), ($"presence-{api.Claude:N}", "Excused")), Cancellation);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldEndWith("&enregistrees=3");
        (await api.Staff.GetStringAsync(saved.Headers.Location.ToString(), Cancellation)).ShouldContain("3 présences enregistrées.");
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Recharger la feuille");
        var attendance = await GetAsync<AttendanceAnswer>(api.Staff, $"{api.Cohort}/attendance");
        (attendance.Of(api.Claude).Excused).ShouldBe(0);
    }

    [Fact]
    public async Task A_mark_that_is_not_a_choice_is_refused_beside_the_person_and_nothing_is_written()
    {
        var before = await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation);
        var page = await api.Staff.GetStringAsync(Sheet, Cancellation);

        var bogus = await api.Staff.PostAsync(Sheet, Post(page, "feuille", ("action", "enregistrer"), ($"presence-{api.Claude:N}", "Bogus")), Cancellation);
        var nul = await api.Staff.PostAsync(Sheet, Post(page, "feuille", ("action", "enregistrer"), ($"presence-{api.Claude:N}", "Present\0")), Cancellation);

        bogus.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusal = await bogus.Content.ReadAsStringAsync(Cancellation);
        refusal.ShouldContain($"id=\"presence-{api.Claude:N}-erreur\"");
        refusal.ShouldContain("Choisissez présent, absent ou excusé.");
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Staff.GetStringAsync($"{api.Cohort}/attendance", Cancellation)).ShouldBe(before);
    }

    [Fact]
    public async Task A_session_not_begun_says_so_offers_no_form_and_a_forged_post_is_refused_in_French()
    {
        var later = $"/presence/{api.Later}?edition={api.CohortId}";
        var page = await api.Staff.GetStringAsync(later, Cancellation);
        var token = Hidden(await api.Staff.GetStringAsync(Sheet, Cancellation), "__RequestVerificationToken");

        page.ShouldContain("n&#x27;a pas encore commencé");
        page.ShouldNotContain("Enregistrer la feuille");
        page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; Bilan");
        page.ShouldNotContain(PagesWithPlenaryHeld.ScriptTitle);
        var forged = await api.Staff.PostAsync(later, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("_handler", "feuille"), new("action", "enregistrer"), new($"presence-{api.Claude:N}", "Present")]), Cancellation);
        forged.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await forged.Content.ReadAsStringAsync(Cancellation)).ShouldContain("une fois celle-ci commencée");
    }

    [Fact]
    public async Task A_session_that_does_not_exist_is_the_French_not_found_page()
    {
        var unknown = await api.Staff.GetAsync($"/presence/{Guid.CreateVersion7()}?edition={api.CohortId}", Cancellation);
        var empty = await api.Staff.GetAsync($"/presence/{Guid.Empty}?edition={api.CohortId}", Cancellation);
        var malformed = await api.Staff.GetAsync("/presence/pas-un-identifiant?edition=%00", Cancellation);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Aucune séance de cette édition");
        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&tri=taux-desc")]
    [InlineData("&tri=%3Cscript%3E")]
    public async Task The_report_lists_each_participant_with_the_sort_in_its_links(string sort)
    {
        var response = await api.Auditor.GetAsync($"/assiduite?edition={api.CohortId}{sort}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("Taux aux plénières");
        page.ShouldContain("aria-sort=");
        page.ShouldContain($"/presence/{api.Plenary}?edition={api.CohortId}");
        page.ShouldContain($"/api/cohorts/v1/cohorts/{api.CohortId}/attendance.csv");
    }

    [Fact]
    public async Task Groups_are_proposed_a_binome_moved_out_together_and_published_from_the_page_and_an_auditor_may_not()
    {
        var empty = await api.Staff.GetStringAsync($"/groupes?edition={api.CohortId}", Cancellation);
        empty.ShouldContain("Aucun groupe n&#x27;est encore proposé");

        var badSize = await api.Staff.PostAsync($"/groupes?edition={api.CohortId}", Post(empty, "proposition", ("minSize", "deux"), ("maxSize", "3")), Cancellation);
        badSize.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badSize.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Indiquez un nombre entier");
        (await api.Staff.GetAsync($"{api.Cohort}/working-groups", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var auditorPost = await api.Auditor.PostAsync($"/groupes?edition={api.CohortId}", Post(empty, "proposition", ("minSize", "2"), ("maxSize", "3")), Cancellation);
        auditorPost.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var proposed = await api.Staff.PostAsync($"/groupes?edition={api.CohortId}", Post(empty, "proposition", ("minSize", "2"), ("maxSize", "3")), Cancellation);
        proposed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var groups = await api.Staff.GetStringAsync(proposed.Headers.Location!.ToString(), Cancellation);
        groups.ShouldContain("Groupes proposés.");
        groups.ShouldContain("Binôme");
        (await api.Auditor.GetStringAsync($"/groupes?edition={api.CohortId}", Cancellation)).ShouldNotContain("name=\"_handler\"");

        var moved = await api.Staff.PostAsync($"/groupes?edition={api.CohortId}",
            Post(groups, "deplacement", ("deplacer", api.Camille.ToString()), ($"vers-{api.Camille:N}", "")), Cancellation);
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var afterMove = await GetAsync<WorkingGroupsAnswer>(api.Staff, $"{api.Cohort}/working-groups");
        afterMove.Unassigned.Select(member => member.EnrolmentId).ShouldBe([api.Camille, api.Dominique], ignoreOrder: true);

        var confirmation = await api.Staff.GetStringAsync($"/groupes?edition={api.CohortId}&publier=1", Cancellation);
        confirmation.ShouldContain("chaque participant verra son groupe");
        var published = await api.Staff.PostAsync($"/groupes?edition={api.CohortId}&publier=1", Post(confirmation, "publication"), Cancellation);
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.Staff.GetStringAsync($"/groupes?edition={api.CohortId}", Cancellation)).ShouldContain("Groupes publiés le");
        var twice = await api.Staff.PostAsync($"/groupes?edition={api.CohortId}&publier=1", Post(confirmation, "publication"), Cancellation);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync(Cancellation)).ShouldContain("déjà publiés");
    }

    /// <summary>The form <paramref name="form"/> of <paramref name="page"/> posted with <paramref name="fields"/> (and its token and version).</summary>
    private static FormUrlEncodedContent Post(string page, string form, params (string Name, string Value)[] fields)
    {
        var html = FormOf().Matches(page).First(match => match.Groups["handler"].Value == form).Value;
        List<KeyValuePair<string, string>> posted =
        [
            new("__RequestVerificationToken", Hidden(html, "__RequestVerificationToken")),
            new("_handler", form),
        ];
        posted.AddRange(HiddenOf().Matches(html).Where(match => match.Groups["name"].Value is "version" || match.Groups["name"].Value.StartsWith("avant-", StringComparison.Ordinal))
            .Select(match => new KeyValuePair<string, string>(match.Groups["name"].Value, WebUtility.HtmlDecode(match.Groups["value"].Value))));
        posted.AddRange(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return new FormUrlEncodedContent(posted);
    }

    private static string? CheckedValue(string html, Guid person) =>
        Regex.Match(html, $"name=\"presence-{person:N}\" value=\"(\\w+)\" checked").Groups[1] is { Success: true } value ? value.Value : null;

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenOf();
}
