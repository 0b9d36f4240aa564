using System.Net;
using System.Text.RegularExpressions;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>
/// The programme's pages over HTTP: sequences added, renamed and reordered, sessions scheduled from a form,
/// each refusal told in French beside its field and writing nothing, auditors reading without forms.
/// </summary>
public sealed partial class ProgrammePagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_add_rename_and_move_up_a_sequence_from_the_programme_page()
    {
        var (staff, cohortId) = await CohortAsync();
        var programme = $"/programme?edition={cohortId}";

        (await PostAsync(staff, programme, "ajout", ("title", "Comprendre l'achat circulaire"))).Headers.Location!.ToString().ShouldContain("fait=ajout");
        await PostAsync(staff, programme, "ajout", ("title", "Passer à l'action"));
        var cohort = await CohortOf(staff, cohortId);
        var second = cohort.Sequences[1].Id;
        (await PostAsync(staff, programme, $"renommer-{second}", ("title", "Passer à l'acte d'achat"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(staff, programme, $"monter-{second}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await CohortOf(staff, cohortId)).Sequences.Select(sequence => sequence.Title).ShouldBe(["Passer à l'acte d'achat", "Comprendre l'achat circulaire"]);
        var page = await staff.GetStringAsync($"{programme}&fait=ordre", Cancellation);
        page.ShouldContain("Ordre des séquences enregistré.");
        page.ShouldContain("Monter<span class=\"visually-hidden\">");
    }

    [Fact]
    public async Task An_auditor_reads_the_programme_without_any_form_and_is_refused_a_post()
    {
        var (staff, cohortId) = await CohortAsync();
        await SequenceAsync(staff, cohortId, "Séquence d'ouverture");
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var staffPage = await staff.GetStringAsync($"/programme?edition={cohortId}", Cancellation);

        var page = await auditor.GetStringAsync($"/programme?edition={cohortId}", Cancellation);
        var posted = await auditor.PostAsync($"/programme?edition={cohortId}", Form(staffPage, "ajout", ("title", "Par un auditeur")), Cancellation);

        page.ShouldContain("Séquence d&#x27;ouverture");
        page.ShouldNotContain("name=\"_handler\"");
        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CohortOf(staff, cohortId)).Sequences.Count.ShouldBe(1);
        (await auditor.GetAsync($"/programme/seances/nouvelle?edition={cohortId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_sequence_title_with_a_NUL_character_or_blank_is_refused_and_nothing_is_written()
    {
        var (staff, cohortId) = await CohortAsync();

        var nul = await PostAsync(staff, $"/programme?edition={cohortId}", "ajout", ("title", "Séquence\0"));
        var blank = await PostAsync(staff, $"/programme?edition={cohortId}", "ajout", ("title", "   "));

        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"ajout-title-erreur\">Le titre de la séquence est obligatoire.");
        (await CohortOf(staff, cohortId)).Sequences.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_session_scheduled_from_the_form_is_in_the_programme_in_Paris_time()
    {
        var (staff, cohortId) = await CohortAsync();
        var sequenceId = await SequenceAsync(staff, cohortId, "Ouverture");
        var day = (await StartsOnAsync(staff, cohortId)).AddDays(2);

        var posted = await ScheduleAsync(staff, cohortId, sequenceId, "Séance de lancement", day, "09:30", "12:00");

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync(Cancellation));
        var session = (await CohortOf(staff, cohortId)).Sequences.Single().Sessions.Single();
        posted.Headers.Location!.ToString().ShouldEndWith($"/programme/seances/{session.Id}?edition={cohortId}&fait=programmation");
        session.StartsAt.ShouldStartWith($"{day:yyyy-MM-dd}T09:30:00+0");
        var page = await staff.GetStringAsync($"/programme/seances/{session.Id}?edition={cohortId}&fait=programmation", Cancellation);
        page.ShouldContain("Séance programmée.");
        page.ShouldContain("09h30–12h00");
        page.ShouldContain($"/presence/{session.Id}?edition={cohortId}");
    }

    [Fact]
    public async Task Bad_times_an_empty_sequence_and_a_NUL_are_refused_in_French_beside_their_fields()
    {
        var (staff, cohortId) = await CohortAsync();
        var sequenceId = await SequenceAsync(staff, cohortId, "Ouverture");
        var day = (await StartsOnAsync(staff, cohortId)).AddDays(2);

        var backwards = await ScheduleAsync(staff, cohortId, sequenceId, "Séance", day, "12:00", "09:30");
        var noDate = await ScheduleAsync(staff, cohortId, sequenceId, "Séance", null, "09:30", "12:00");
        var emptySequence = await ScheduleAsync(staff, cohortId, Guid.Empty, "Séance", day, "09:30", "12:00");
        var nul = await ScheduleAsync(staff, cohortId, sequenceId, "Séance\0", day, "09:30", "12:00");
        var badTime = await ScheduleAsync(staff, cohortId, sequenceId, "Séance", day, "25:99", "12:00");

        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"seance-endsAt-erreur\">La séance doit finir après son début.");
        noDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noDate.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"seance-date-erreur\">Indiquez la date de la séance");
        emptySequence.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await emptySequence.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Indiquez la séquence de la séance.");
        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badTime.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badTime.Content.ReadAsStringAsync(Cancellation)).ShouldContain("L&#x27;heure de début est obligatoire.");
        (await CohortOf(staff, cohortId)).Sequences.Single().Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_sequence_is_told_in_French_and_an_unknown_session_is_the_French_not_found_page()
    {
        var (staff, cohortId) = await CohortAsync();
        await SequenceAsync(staff, cohortId, "Ouverture");
        var day = (await StartsOnAsync(staff, cohortId)).AddDays(2);

        var unknown = await ScheduleAsync(staff, cohortId, Guid.CreateVersion7(), "Séance", day, "09:30", "12:00");
        var missing = await staff.GetAsync($"/programme/seances/{Guid.CreateVersion7()}?edition={cohortId}", Cancellation);
        var malformed = await staff.GetAsync($"/programme?edition=pas-un-identifiant", Cancellation);

        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("id=\"seance-sequenceId-erreur\">Aucune séquence de cette édition ne porte cet identifiant.");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Aucune séance de cette édition");
        malformed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_overlap_is_refused_beside_the_times_naming_the_session_in_the_way()
    {
        var (staff, cohortId) = await CohortAsync();
        var sequenceId = await SequenceAsync(staff, cohortId, "Ouverture");
        var day = (await StartsOnAsync(staff, cohortId)).AddDays(3);
        (await ScheduleAsync(staff, cohortId, sequenceId, "Séance de lancement", day, "09:30", "12:00")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var overlapping = await ScheduleAsync(staff, cohortId, sequenceId, "Atelier BTP", day, "11:00", "13:00", kind: "Workshop");

        overlapping.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await overlapping.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain($"id=\"seance-startsAt-erreur\">Cette séance chevauche « Séance de lancement » ({Shared.Time.FrenchDates.Long(day)}, 09h30–12h00).");
        page.ShouldContain("value=\"Atelier BTP\""); // what was typed is kept
        (await CohortOf(staff, cohortId)).Sequences.Single().Sessions.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_stored_script_is_shown_as_text()
    {
        var (staff, cohortId) = await CohortAsync();
        await SequenceAsync(staff, cohortId, "<script>alert(1)</script>");

        var page = await staff.GetStringAsync($"/programme?edition={cohortId}", Cancellation);

        page.ShouldNotContain("<script>alert(1)</script>");
        page.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public async Task A_cancellation_asks_for_a_confirmation_then_the_session_shows_it_was_cancelled_and_why()
    {
        var (staff, cohortId) = await CohortAsync();
        var sequenceId = await SequenceAsync(staff, cohortId, "Ouverture");
        var day = (await StartsOnAsync(staff, cohortId)).AddDays(2);
        await ScheduleAsync(staff, cohortId, sequenceId, "Séance de lancement", day, "09:30", "12:00");
        var sessionId = (await CohortOf(staff, cohortId)).Sequences.Single().Sessions.Single().Id;
        var url = $"/programme/seances/{sessionId}?edition={cohortId}";

        (await staff.GetStringAsync(url, Cancellation)).ShouldNotContain("Confirmer l&#x27;annulation");
        var confirmation = await staff.GetStringAsync($"{url}&annuler=1", Cancellation);
        var blank = await staff.PostAsync($"{url}&annuler=1", Form(confirmation, "annulation", ("reason", " ")), Cancellation);
        var cancelled = await staff.PostAsync($"{url}&annuler=1", Form(confirmation, "annulation", ("reason", "Salle indisponible")), Cancellation);

        confirmation.ShouldContain("Annuler « Séance de lancement » ?");
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blank.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Le motif de l&#x27;annulation est obligatoire.");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CohortOf(staff, cohortId)).Sequences.Single().Sessions.Single().CancellationReason.ShouldBe("Salle indisponible");
        (await staff.GetStringAsync($"/programme?edition={cohortId}", Cancellation)).ShouldContain("Séance annulée : Salle indisponible");
    }

    [Fact]
    public async Task The_API_renames_a_sequence_and_refuses_a_blank_a_taken_or_an_unknown_one()
    {
        var (staff, cohortId) = await CohortAsync();
        var first = await SequenceAsync(staff, cohortId, "Ouverture");
        await SequenceAsync(staff, cohortId, "Clôture");
        var cohort = $"{CohortsApi}/{cohortId}";

        await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Put, $"{cohort}/sequences/{first}", new { title = "  Lancement  " }, HttpStatusCode.OK);

        (await CohortOf(staff, cohortId)).Sequences[0].Title.ShouldBe("Lancement");
        (await SendAsync<Problem>(staff, HttpMethod.Put, $"{cohort}/sequences/{first}", new { title = " " }, HttpStatusCode.BadRequest))
            .Error("title").ShouldBe("Le titre de la séquence est obligatoire.");
        (await RefusedAsync(staff, HttpMethod.Put, $"{cohort}/sequences/{first}", new { title = "clôture" }, HttpStatusCode.Conflict))
            .ShouldBe("urn:achats:problem:conflict");
        (await RefusedAsync(staff, HttpMethod.Put, $"{cohort}/sequences/{Guid.CreateVersion7()}", new { title = "Autre" }, HttpStatusCode.NotFound))
            .ShouldBe("urn:achats:problem:not-found");
        (await RefusedAsync(staff, HttpMethod.Put, $"{cohort}/sequences/{first}", new { title = "Lancement\0" }, HttpStatusCode.BadRequest))
            .ShouldBe("urn:achats:problem:validation");
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        (await auditor.PutAsync($"{cohort}/sequences/{first}", System.Net.Http.Json.JsonContent.Create(new { title = "Par un auditeur" }), Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<(HttpClient Staff, Guid CohortId)> CohortAsync()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        return (staff, await _driver.OpenCohortAsync(staff));
    }

    private static async Task<Guid> SequenceAsync(HttpClient staff, Guid cohortId, string title) =>
        (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sequences", new { title }, HttpStatusCode.Created)).CreatedId!.Value;

    private static async Task<CohortAnswer> CohortOf(HttpClient staff, Guid cohortId) => await GetAsync<CohortAnswer>(staff, $"{CohortsApi}/{cohortId}");

    private static async Task<DateOnly> StartsOnAsync(HttpClient staff, Guid cohortId) =>
        (await GetAsync<CohortDatesAnswer>(staff, $"{CohortsApi}/{cohortId}")).StartsOn;

    private static async Task<HttpResponseMessage> ScheduleAsync(
        HttpClient staff, Guid cohortId, Guid sequenceId, string title, DateOnly? day, string startsAt, string endsAt, string kind = "Plenary")
    {
        var url = $"/programme/seances/nouvelle?edition={cohortId}";
        var page = await staff.GetStringAsync(url, Cancellation);
        return await staff.PostAsync(url, Form(page, "seance",
            ("title", title), ("sequenceId", sequenceId.ToString()), ("kind", kind), ("date", day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            ("startsAt", startsAt), ("endsAt", endsAt), ("modality", "Online"), ("meetingLink", "https://visio.example/achats")), Cancellation);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient staff, string url, string form, params (string Name, string Value)[] fields) =>
        await staff.PostAsync(url, Form(await staff.GetStringAsync(url, Cancellation), form, fields), Cancellation);

    /// <summary>The form <paramref name="form"/> of <paramref name="page"/>, as the browser would post it.</summary>
    private static FormUrlEncodedContent Form(string page, string form, params (string Name, string Value)[] fields)
    {
        var html = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == form).Value;
        List<KeyValuePair<string, string>> posted =
        [
            new("__RequestVerificationToken", Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value),
            new("_handler", form),
        ];
        posted.AddRange(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));
        return new FormUrlEncodedContent(posted);
    }

    [GeneratedRegex("<form method=\"post\"[^>]*>.*?name=\"_handler\" value=\"(?<handler>[^\"]+)\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormOf();

    private sealed record CohortDatesAnswer(DateOnly StartsOn, DateOnly EndsOn);
}
