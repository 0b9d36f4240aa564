using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>The edition pages over HTTP: the list, planning one, and one edition's acts, refused to whoever the API refuses.</summary>
public sealed partial class EditionPagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_plan_an_edition_from_the_page_and_land_on_its_page()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();

        var posted = await staff.PostAsync("/editions/nouvelle", Form(await staff.GetStringAsync("/editions/nouvelle", Cancellation), "planification",
            ("name", "Édition du printemps"), ("registrationOpensOn", Iso(today)), ("registrationClosesOn", Iso(today.AddDays(20))),
            ("startsOn", French(today.AddDays(30))), ("endsOn", "")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = posted.Headers.Location!.ToString();
        location.ShouldMatch("/editions/[0-9a-f-]{36}\\?fait=planification$");
        var page = await staff.GetStringAsync(location, Cancellation);
        page.ShouldContain("Édition du printemps");
        page.ShouldContain("Édition planifiée.");
        page.ShouldContain("Inscriptions ouvertes");
        page.ShouldContain(FrenchDates.Long(today.AddDays(30).AddYears(1).AddDays(-1))); // one year without an end date
        (await staff.GetStringAsync("/editions", Cancellation)).ShouldContain("Édition du printemps");
    }

    [Fact]
    public async Task Dates_that_cannot_be_read_or_do_not_hold_together_are_refused_in_French_beside_their_field_and_nothing_is_planned()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var before = await CountAsync(staff);
        var form = await staff.GetStringAsync("/editions/nouvelle", Cancellation);

        var unreadable = await staff.PostAsync("/editions/nouvelle", Form(form, "planification",
            ("name", "Édition illisible"), ("registrationOpensOn", "31/02/2027"), ("registrationClosesOn", Iso(today.AddDays(20))),
            ("startsOn", "demain"), ("endsOn", "")), Cancellation);
        var inconsistent = await staff.PostAsync("/editions/nouvelle", Form(form, "planification",
            ("name", "Édition à l'envers"), ("registrationOpensOn", Iso(today.AddDays(20))), ("registrationClosesOn", Iso(today)),
            ("startsOn", Iso(today.AddDays(30))), ("endsOn", Iso(today.AddDays(10)))), Cancellation);

        unreadable.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unreadablePage = await unreadable.Content.ReadAsStringAsync(Cancellation);
        unreadablePage.ShouldContain("id=\"registrationOpensOn-erreur\">Date illisible : saisissez-la sous la forme 14/01/2027.");
        unreadablePage.ShouldContain("id=\"startsOn-erreur\">Date illisible");
        unreadablePage.ShouldContain("value=\"Édition illisible\""); // what was typed stays
        inconsistent.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var inconsistentPage = await inconsistent.Content.ReadAsStringAsync(Cancellation);
        inconsistentPage.ShouldContain("id=\"registrationClosesOn-erreur\">La clôture des inscriptions ne peut précéder leur ouverture.");
        inconsistentPage.ShouldContain("id=\"endsOn-erreur\">La date de fin doit être postérieure à la date de début.");
        (await CountAsync(staff)).ShouldBe(before);
    }

    [Fact]
    public async Task A_NUL_character_or_an_empty_name_is_refused_never_a_failure_and_nothing_is_planned()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var before = await CountAsync(staff);
        var form = await staff.GetStringAsync("/editions/nouvelle", Cancellation);

        Task<HttpResponseMessage> PostAsync(string name, string date) => staff.PostAsync("/editions/nouvelle", Form(form, "planification",
            ("name", name), ("registrationOpensOn", date), ("registrationClosesOn", Iso(today.AddDays(20))),
            ("startsOn", Iso(today.AddDays(30))), ("endsOn", "")), Cancellation);

        var nulInName = await PostAsync("Édition\0 piégée", Iso(today));
        var nulInDate = await PostAsync("Édition piégée", Iso(today) + "\0");
        var blank = await PostAsync("   ", Iso(today));

        nulInName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        nulInDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Le nom de l&#x27;édition est obligatoire.");
        (await CountAsync(staff)).ShouldBe(before);
    }

    [Fact]
    public async Task An_edition_that_does_not_exist_or_a_malformed_one_is_the_French_not_found_page()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var unknown = await staff.GetAsync($"/editions/{Guid.CreateVersion7()}", Cancellation);
        var empty = await staff.GetAsync($"/editions/{Guid.Empty}", Cancellation);
        using var malformed = new HttpRequestMessage(HttpMethod.Get, "/editions/pas-un-identifiant");
        malformed.Headers.Accept.ParseAdd("text/html");
        var malformedAnswer = await staff.SendAsync(malformed, Cancellation);

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Aucune édition ne porte cet identifiant.");
        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformedAnswer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await malformedAnswer.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Page introuvable");
    }

    [Fact]
    public async Task An_auditor_reads_the_pages_without_a_form_and_is_refused_a_post()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var cohortId = await PlanAsync(staff, startsInDays: 0);
        var staffPage = await staff.GetStringAsync($"/editions/{cohortId}?confirmer=lancement", Cancellation);

        var list = await auditor.GetStringAsync("/editions", Cancellation);
        var page = await auditor.GetStringAsync($"/editions/{cohortId}?confirmer=lancement", Cancellation);
        var plan = await auditor.GetAsync("/editions/nouvelle", Cancellation);
        var launch = await auditor.PostAsync($"/editions/{cohortId}?confirmer=lancement", Form(staffPage, "lancement"), Cancellation);

        list.ShouldNotContain("Planifier une édition");
        page.ShouldNotContain("name=\"_handler\"");
        page.ShouldNotContain("Lancer l&#x27;édition");
        page.ShouldContain("/api/cohorts/v1/cohorts/" + cohortId + "/roster.csv");
        plan.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        launch.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync<CohortAnswer>(staff, $"{CohortsApi}/{cohortId}")).Status.ShouldNotBe("Launched");
    }

    [Fact]
    public async Task An_edition_launched_twice_is_refused_the_second_time_in_French()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await PlanAsync(staff, startsInDays: 0);
        var confirmation = await staff.GetStringAsync($"/editions/{cohortId}?confirmer=lancement", Cancellation);
        confirmation.ShouldContain("La liste des participants (aucun participant à ce jour) sera publiée dans l&#x27;espace participants");

        var first = await staff.PostAsync($"/editions/{cohortId}?confirmer=lancement", Form(confirmation, "lancement"), Cancellation);
        var second = await staff.PostAsync($"/editions/{cohortId}?confirmer=lancement", Form(confirmation, "lancement"), Cancellation);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldEndWith($"/editions/{cohortId}?fait=lancement");
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Cette édition est déjà lancée.");
        (await GetAsync<CohortAnswer>(staff, $"{CohortsApi}/{cohortId}")).Status.ShouldBe("Launched");
    }

    [Fact]
    public async Task Before_its_first_day_an_edition_says_when_it_may_be_launched_and_a_launch_is_refused()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await PlanAsync(staff, startsInDays: 5);
        var startsOn = FrenchDates.Long(app.Clock.TodayInParis().AddDays(5));
        var confirmation = await staff.GetStringAsync($"/editions/{cohortId}?confirmer=lancement", Cancellation);

        var forced = await staff.PostAsync($"/editions/{cohortId}?confirmer=lancement", Renamed(confirmation, "lancement"), Cancellation);

        confirmation.ShouldContain($"Le lancement sera possible à partir du {startsOn}, premier jour de l&#x27;édition.");
        confirmation.ShouldNotContain("Confirmer le lancement");
        forced.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await forced.Content.ReadAsStringAsync(Cancellation)).ShouldContain($"L&#x27;édition se lance à partir de son premier jour, le {startsOn}.");
    }

    [Fact]
    public async Task New_dates_leaving_a_session_outside_are_refused_beside_the_first_day_naming_the_session_and_a_reason_is_required()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await PlanAsync(staff, startsInDays: 30);
        var startsOn = app.Clock.TodayInParis().AddDays(30);
        var sequenceId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sequences", new { title = "Ouverture" }, HttpStatusCode.Created)).CreatedId!.Value;
        var day = startsOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sessions",
            Session(sequenceId, "Séance <b>inaugurale</b>", "Plenary", day.AddHours(9), day.AddHours(12)), HttpStatusCode.Created);
        var page = await staff.GetStringAsync($"/editions/{cohortId}", Cancellation);

        var outside = await staff.PostAsync($"/editions/{cohortId}", Form(page, "dates",
            ("registrationOpensOn", Iso(startsOn.AddDays(-30))), ("registrationClosesOn", Iso(startsOn.AddDays(-10))),
            ("startsOn", Iso(startsOn.AddDays(7))), ("endsOn", Iso(startsOn.AddDays(300))), ("reason", "Salle indisponible.")), Cancellation);
        var noReason = await staff.PostAsync($"/editions/{cohortId}", Form(page, "dates",
            ("registrationOpensOn", Iso(startsOn.AddDays(-30))), ("registrationClosesOn", Iso(startsOn.AddDays(-10))),
            ("startsOn", Iso(startsOn)), ("endsOn", Iso(startsOn.AddDays(300))), ("reason", "  ")), Cancellation);
        var changed = await staff.PostAsync($"/editions/{cohortId}", Form(page, "dates",
            ("registrationOpensOn", Iso(startsOn.AddDays(-30))), ("registrationClosesOn", Iso(startsOn.AddDays(-5))),
            ("startsOn", Iso(startsOn)), ("endsOn", Iso(startsOn.AddDays(300))), ("reason", "Clôture <script>alert(1)</script> repoussée.")), Cancellation);

        outside.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await outside.Content.ReadAsStringAsync(Cancellation)).ShouldContain(
            "id=\"startsOn-erreur\">Ces dates laisseraient hors de l&#x27;édition « Séance &lt;b&gt;inaugurale&lt;/b&gt; »");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"reason-erreur\">Le motif du changement de dates est obligatoire.");
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var history = await staff.GetStringAsync(changed.Headers.Location!.ToString(), Cancellation);
        history.ShouldContain("Motif : Clôture &lt;script&gt;alert(1)&lt;/script&gt; repoussée.");
        history.ShouldContain($"Inscriptions du {FrenchDates.Long(startsOn.AddDays(-30))} au {FrenchDates.Long(startsOn.AddDays(-5))}");
    }

    [Fact]
    public async Task A_launched_edition_is_closed_after_its_confirmation_and_then_offers_no_act()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await PlanAsync(staff, startsInDays: 0);
        (await staff.PostAsync($"{CohortsApi}/{cohortId}/launch", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await staff.GetStringAsync($"/editions/{cohortId}", Cancellation);
        var confirmation = await staff.GetStringAsync($"/editions/{cohortId}?confirmer=cloture", Cancellation);

        var closed = await staff.PostAsync($"/editions/{cohortId}?confirmer=cloture", Form(confirmation, "cloture"), Cancellation);

        page.ShouldContain("Les dates ne changent plus : l&#x27;édition est lancée.");
        confirmation.ShouldContain("Les présences seront figées");
        closed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await staff.GetStringAsync(closed.Headers.Location!.ToString(), Cancellation);
        after.ShouldContain("Édition close : ses présences et son programme sont désormais figés.");
        after.ShouldNotContain("name=\"_handler\"");
        (await staff.GetStringAsync($"/editions/{cohortId}?confirmer=cloture", Cancellation)).ShouldNotContain("Confirmer la clôture");
    }

    [Fact]
    public async Task A_stored_script_in_an_edition_name_is_shown_as_text()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await PlanAsync(staff, startsInDays: 10, name: "<script>alert('édition')</script>");

        var list = await staff.GetStringAsync("/editions", Cancellation);
        var page = await staff.GetStringAsync($"/editions/{cohortId}", Cancellation);

        list.ShouldNotContain("<script>alert(");
        list.ShouldContain("&lt;script&gt;alert(");
        page.ShouldNotContain("<script>alert(");
    }

    private async Task<Guid> PlanAsync(HttpClient staff, int startsInDays, string? name = null)
    {
        var today = app.Clock.TodayInParis();
        var response = await staff.PostAsJsonAsync(CohortsApi, new
        {
            name = name ?? $"Édition {Guid.CreateVersion7():N}",
            registrationOpensOn = today.AddDays(startsInDays - 40),
            registrationClosesOn = today.AddDays(startsInDays - 10),
            startsOn = today.AddDays(startsInDays),
        }, Cancellation);
        return (await response.ReadAsync<CohortAnswer>(HttpStatusCode.Created)).Id;
    }

    private static async Task<int> CountAsync(HttpClient staff) => (await GetAsync<List<CohortAnswer>>(staff, CohortsApi)).Count;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string French(DateOnly date) => FrenchDates.Short(date);

    /// <summary>The form <paramref name="form"/> of <paramref name="page"/>, as the browser would post it with <paramref name="fields"/>.</summary>
    private static FormUrlEncodedContent Form(string page, string form, params (string Name, string Value)[] fields)
    {
        var html = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == form).Value;
        return new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Hidden(html, "__RequestVerificationToken")),
            new("_handler", form),
            .. fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)),
        ]);
    }

    /// <summary>A post of <paramref name="form"/> that the page does not offer, with a token the page holds.</summary>
    private static FormUrlEncodedContent Renamed(string page, string form) => new(
    [
        new("__RequestVerificationToken", Hidden(page, "__RequestVerificationToken")),
        new("_handler", form),
    ]);

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();
}
