using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The public pre-registration form: what it accepts, and every refusal, each with nothing written.</summary>
public sealed class PreRegistrationTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_public_body_of_the_territory_is_pre_registered_free_under_a_with_its_reasons()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        Organisation(form)["kind"] = "CommuneEptOrMetropole";
        Organisation(form)["communeInseeCode"] = "91027"; // Athis-Mons, one of the seven communes outside 75/92/93/94
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsJsonAsync(PreRegistrations, form, Cancellation);

        var answer = await ReadAsync(response, HttpStatusCode.Accepted);
        answer.EnumerateObject().Select(property => property.Name).ShouldBe(["message"]);
        response.Headers.Location.ShouldBeNull();
        var receipt = await _driver.RecordedAsync(cohortId, EmailOf(form));
        receipt.Eligibility.ShouldBe("Free");
        receipt.EligibilityReasons[0].ShouldContain("91027");
        var enrolment = await _driver.EnrolmentAsync(staff, receipt.EnrolmentId);
        enrolment.Participant.Profile.ShouldBe("PrivateBuyer");
        enrolment.Project!.Themes.Count.ShouldBe(2);
        enrolment.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Each_enrolment_gets_a_reference_of_its_submission_year_unique_when_posts_race_and_its_notice_version()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var forms = Enumerable.Range(0, 6).Select(_ => Form(cohortId, NewSiren())).ToList();

        var answers = await Task.WhenAll(forms.Select(form => Task.Run(() => PostAsync(form), Cancellation)));

        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Accepted);
        var receipts = await Task.WhenAll(forms.Select(form => _driver.RecordedAsync(cohortId, EmailOf(form))));
        var year = app.Clock.TodayInParis().Year;
        receipts.ShouldAllBe(receipt => System.Text.RegularExpressions.Regex.IsMatch(receipt.Reference!, $"^ACH-{year}-[0-9]{{5}}$"));
        receipts.Select(receipt => receipt.Reference).Distinct().Count().ShouldBe(forms.Count);
        var enrolment = await _driver.EnrolmentAsync(staff, receipts[0].EnrolmentId);
        enrolment.Reference.ShouldBe(receipts[0].Reference);
        enrolment.PrivacyNoticeVersion.ShouldBe(Achats.Enrolment.Privacy.PrivacyNotice.Version);
        // Staff find an enrolment by its reference.
        var found = await (await staff.GetAsync($"{Enrolments}?cohortId={cohortId}&search={receipts[3].Reference}", Cancellation))
            .ReadAsync<EnrolmentListAnswer>(HttpStatusCode.OK);
        found.Items.ShouldHaveSingleItem().Id.ShouldBe(receipts[3].EnrolmentId);
    }

    [Fact]
    public async Task The_project_s_expected_procedure_date_and_milestone_are_kept_and_an_unknown_milestone_is_a_field_error()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        form["project"] = new { title = "Mobilier de réemploi", category = "Furniture", themes = new[] { "Circular" }, expectedProcedureOn = "2027-03-15", milestone = "ConsultationPublished" };
        var refused = Form(cohortId, NewSiren());
        refused["project"] = new { title = "Mobilier", category = "Furniture", themes = new[] { "Circular" }, milestone = "Signé" };
        var before = await CountAsync();

        var problem = await (await PostAsync(refused)).ReadAsync<Problem>(HttpStatusCode.BadRequest);
        (await CountAsync()).ShouldBe(before);
        (await PostAsync(form)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        problem.Errors!.ShouldContainKey("project.milestone");
        var receipt = await _driver.RecordedAsync(cohortId, EmailOf(form));
        var enrolment = await _driver.EnrolmentAsync(staff, receipt.EnrolmentId);
        enrolment.Project!.ExpectedProcedureOn.ShouldBe(new DateOnly(2027, 3, 15));
        enrolment.Project.Milestone.ShouldBe("ConsultationPublished");
        var page = await staff.GetStringAsync($"/inscriptions/{receipt.EnrolmentId}", Cancellation);
        page.ShouldContain("Consultation publiée");
        page.ShouldContain("15 mars 2027");
        page.ShouldContain(receipt.Reference!);
    }

    [Fact]
    public async Task Each_field_error_gets_400_with_French_messages_under_the_request_names_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, "123456789"); // Luhn-invalid
        Participant(form)["firstName"] = "";
        Participant(form)["email"] = "pas-une-adresse";
        Participant(form)["profile"] = null;
        Organisation(form)["kind"] = "OtherPublicBody";
        Organisation(form)["communeInseeCode"] = "99999";
        form["declaredMemberships"] = new[] { "Inec", "Inec" };
        form["project"] = new { title = "", category = "Catering", themes = Array.Empty<string>() };
        form["consentToDataProcessing"] = false;
        var before = await CountAsync();
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsJsonAsync(PreRegistrations, form, Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Type.ShouldBe("urn:achats:problem:validation");
        problem.Error("participant.firstName").ShouldBe("Le prénom est obligatoire.");
        problem.Error("participant.email").ShouldBe("L'adresse électronique n'est pas valide.");
        problem.Error("participant.profile").ShouldBe("Le profil est obligatoire.");
        problem.Error("organisation.siren").ShouldBe("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        problem.Error("organisation.communeInseeCode").ShouldBe("Ce code INSEE ne correspond à aucune commune.");
        problem.Error("declaredMemberships").ShouldBe("Chaque adhésion ne se déclare qu'une fois.");
        problem.Error("project.title").ShouldBe("Le titre du projet d'achat est obligatoire.");
        problem.Error("project.themes").ShouldBe("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.");
        problem.Error("consentToDataProcessing").ShouldContain("consentement");
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("{\"cohortId\": \"x\"}", "cohortId")]
    [InlineData("{\"participant\": {\"profile\": \"Fournisseur\"}}", "participant.profile")]
    public async Task A_value_of_the_wrong_type_gets_400_naming_the_field(string body, string field)
    {
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsync(PreRegistrations, new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.ShouldContainKey(field);
    }

    [Fact]
    public async Task An_unknown_cohort_is_a_field_error()
    {
        var response = await PostAsync(Form(Guid.CreateVersion7(), NewSiren()));

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("cohortId")
            .ShouldBe("Cette édition n'existe pas.");
    }

    [Theory]
    [InlineData(5, 30, "ne sont pas encore ouvertes")]
    [InlineData(-60, -1, "sont closes")]
    public async Task Outside_the_registration_window_gets_422_and_nothing_is_written(int opensInDays, int closesInDays, string said)
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff, opensInDays, closesInDays);
        var before = await CountAsync();

        var response = await PostAsync(Form(cohortId, NewSiren()));

        var problem = await response.ReadAsync<RegistrationClosedAnswer>(HttpStatusCode.UnprocessableEntity);
        problem.Type.ShouldBe("urn:achats:problem:registration-closed");
        problem.Detail.ShouldContain(said);
        problem.RegistrationClosesOn.ShouldNotBeNull();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_received_email_gives_the_reference_says_the_participation_is_free_and_its_links_open()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        Organisation(form)["kind"] = "CommuneEptOrMetropole";
        Organisation(form)["communeInseeCode"] = "93048";

        await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(form));

        var receipt = await _driver.RecordedAsync(cohortId, EmailOf(form));
        var email = await app.LatestEmailToAsync(EmailOf(form), "est enregistrée");
        email.Subject.ShouldBe($"Votre pré-inscription {receipt.Reference} est enregistrée");
        email.Text.ShouldContain("votre participation est gratuite.");
        email.Text.ShouldContain("commune INSEE 93048");
        email.Text.ShouldNotContain("obsar.asso.fr");
        email.Html.ShouldNotBeNull().ShouldContain(receipt.Reference!);
        (await app.CreateBrowserClient().GetAsync(email.LinkTo(ParticipantSession.SignInPath), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateBrowserClient().GetAsync(email.LinkTo(PublicSite.PrivacyPath), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_received_email_of_a_company_outside_any_network_says_how_to_join_ObsAR_or_INEC()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());

        await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(form));

        var email = await app.LatestEmailToAsync(EmailOf(form), "est enregistrée");
        email.Text.ShouldContain("ne remplit aujourd'hui aucune des conditions de gratuité");
        email.Links.Select(link => link.ToString()).ShouldContain("https://www.obsar.asso.fr/");
        email.Links.Select(link => link.ToString()).ShouldContain("https://institut-economie-circulaire.fr/");
        email.Text.ShouldContain("vous êtes admis·e");
    }

    [Fact]
    public async Task The_same_email_twice_in_a_cohort_is_answered_exactly_like_a_new_one_and_the_person_is_told_by_email_once()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var email = $"dominique.{Guid.CreateVersion7():N}@ville.test";
        var first = await _driver.PreRegisterAsync(Form(cohortId, NewSiren(), email));
        var before = await CountAsync();
        var key = Guid.CreateVersion7().ToString();
        var repeated = Form(cohortId, NewSiren(), email.ToUpperInvariant());
        ((Dictionary<string, object?>)repeated["participant"]!)["firstName"] = "Quelqu'un d'autre";

        var newcomer = await PostAsync(Form(cohortId, NewSiren()));
        var (duplicate, messages) = await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(repeated, key));
        var (retry, retold) = await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(repeated, key));

        duplicate.StatusCode.ShouldBe(newcomer.StatusCode);
        (await duplicate.Content.ReadAsStringAsync(Cancellation)).ShouldBe(await newcomer.Content.ReadAsStringAsync(Cancellation));
        duplicate.Headers.Location.ShouldBe(newcomer.Headers.Location);
        (await retry.Content.ReadAsStringAsync(Cancellation)).ShouldBe(await newcomer.Content.ReadAsStringAsync(Cancellation));
        var sent = messages.Sent.MessagesOf<SendEmail>().ShouldHaveSingleItem();
        sent.To.ShouldBe(email);
        retold.Sent.MessagesOf<SendEmail>().ShouldBeEmpty();
        (await CountAsync()).Enrolments.ShouldBe(before.Enrolments + 1); // the newcomer only
        var told = await app.LatestEmailToAsync(email, "déjà pré-inscrit·e");
        told.Text.ShouldContain("Bonjour Camille,"); // the name recorded, not the one typed in the repeat
        told.Text.ShouldContain(first.Reference!);
        (await app.CreateBrowserClient().GetAsync(told.LinkTo(ParticipantSession.SignInPath), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateBrowserClient().GetAsync(told.LinkTo("/confidentialite"), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Another cohort is another matter.
        var otherCohort = await _driver.OpenCohortAsync(staff);
        await _driver.PreRegisterAsync(Form(otherCohort, NewSiren(), email));
    }

    [Fact]
    public async Task The_OpenAPI_document_names_the_request_s_project_apart_with_its_date_and_milestone_and_the_202_acknowledgement()
    {
        using var client = app.CreateClient();

        var document = await ReadAsync(await client.GetAsync("/openapi/v1.json", Cancellation), HttpStatusCode.OK);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var project = schemas.GetProperty("PreRegistrationProject").GetProperty("properties");
        project.TryGetProperty("expectedProcedureOn", out _).ShouldBeTrue();
        project.TryGetProperty("milestone", out _).ShouldBeTrue();
        project.TryGetProperty("notes", out _).ShouldBeFalse();
        schemas.GetProperty("SubmitPreRegistration").GetProperty("properties").GetProperty("project").GetRawText().ShouldContain("PreRegistrationProject");
        var responses = document.GetProperty("paths").GetProperty(PreRegistrations).GetProperty("post").GetProperty("responses");
        responses.GetProperty("202").GetRawText().ShouldContain("PreRegistrationAcknowledgement");
        responses.TryGetProperty("201", out _).ShouldBeFalse();
        responses.TryGetProperty("409", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Staff_replacing_a_participant_by_an_address_already_in_the_cohort_are_told_precisely_and_a_replacement_gets_its_own_reference()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var taken = $"alix.{Guid.CreateVersion7():N}@ville.test";
        var existing = await _driver.PreRegisterAsync(Form(cohortId, NewSiren(), taken));
        var leaving = await _driver.PreRegisterAsync(Form(cohortId, NewSiren()));
        object Replacement(string email) => new
        {
            version = 2, reason = "Mutation.", newParticipant = new { firstName = "Alix", lastName = "Roux", email, jobTitle = "Acheteur", profile = "PublicBuyer" },
        };

        var refused = await staff.PostAsJsonAsync($"{Enrolments}/{leaving.EnrolmentId}/replacement", Replacement(taken.ToUpperInvariant()), Cancellation);
        var replaced = await staff.PostAsJsonAsync($"{Enrolments}/{leaving.EnrolmentId}/replacement", Replacement($"sam.{Guid.CreateVersion7():N}@ville.test"), Cancellation);

        var problem = await refused.ReadAsync<AlreadyPreRegisteredAnswer>(HttpStatusCode.Conflict);
        problem.ExistingEnrolmentId.ShouldBe(existing.EnrolmentId);
        problem.Detail.ShouldContain("déjà pré-inscrite");
        var replacement = await replaced.ReadAsync<ReplacementAnswer>(HttpStatusCode.Created);
        replacement.Reference.ShouldStartWith($"ACH-{app.Clock.TodayInParis().Year}-");
        replacement.Reference.ShouldNotBe(leaving.Reference);
        (await _driver.EnrolmentAsync(staff, replacement.EnrolmentId)).Reference.ShouldBe(replacement.Reference);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_same_answer_and_sends_no_second_email()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        var key = Guid.CreateVersion7().ToString();

        var (first, received) = await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(form, key));
        var before = await CountAsync();
        var (retry, resent) = await app.TrackedAsync(app.CreateBrowserClient(), _ => PostAsync(form, key));

        var original = await ReadAsync(first, HttpStatusCode.Accepted);
        (await ReadAsync(retry, HttpStatusCode.Accepted)).GetRawText().ShouldBe(original.GetRawText());
        received.Sent.MessagesOf<SendEmail>().ShouldHaveSingleItem().Subject.ShouldContain("est enregistrée");
        resent.Sent.MessagesOf<SendEmail>().ShouldBeEmpty();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Two_identical_posts_racing_make_one_enrolment_and_the_same_answer_for_all()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        var before = await CountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostAsync(form), Cancellation)));

        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Accepted);
        (await Task.WhenAll(answers.Select(answer => answer.Content.ReadAsStringAsync(Cancellation)))).Distinct().ShouldHaveSingleItem();
        var after = await CountAsync();
        (after.Events, after.Enrolments, after.Registrants).ShouldBe((before.Events + 2, before.Enrolments + 1, before.Registrants + 1));
    }

    [Fact]
    public async Task Outside_the_registration_window_a_known_address_is_refused_like_an_unknown_one()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var email = $"claude.{Guid.CreateVersion7():N}@ville.test";
        await _driver.PreRegisterAsync(Form(cohortId, NewSiren(), email));
        var today = app.Clock.TodayInParis();
        var (closed, _) = await app.TrackedAsync(staff, client => client.PutAsJsonAsync($"/api/cohorts/v1/cohorts/{cohortId}/dates", new
        {
            registrationOpensOn = today.AddDays(-10), registrationClosesOn = today.AddDays(-1), startsOn = today.AddDays(40), reason = "Inscriptions closes plus tôt",
        }, Cancellation));
        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync(Cancellation));

        var known = await PostAsync(Form(cohortId, NewSiren(), email));
        var unknown = await PostAsync(Form(cohortId, NewSiren()));

        known.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (knownProblem, unknownProblem) = (await ReadAsync(known), await ReadAsync(unknown));
        WithoutTraceId(knownProblem).ShouldBe(WithoutTraceId(unknownProblem));
    }

    private static string WithoutTraceId(System.Text.Json.JsonElement problem) =>
        string.Join("\n", problem.EnumerateObject().Where(property => property.Name != "traceId").Select(property => property.ToString()));

    private static string EmailOf(Dictionary<string, object?> form) => (string)Participant(form)["email"]!;

    private static Dictionary<string, object?> Participant(Dictionary<string, object?> form) => (Dictionary<string, object?>)form["participant"]!;

    private static Dictionary<string, object?> Organisation(Dictionary<string, object?> form) => (Dictionary<string, object?>)form["organisation"]!;

    private async Task<HttpResponseMessage> PostAsync(Dictionary<string, object?> form, string? idempotencyKey = null)
    {
        using var anonymous = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, PreRegistrations) { Content = JsonContent.Create(form) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await anonymous.SendAsync(request, Cancellation);
    }

    /// <summary>
    /// Events and enrolment documents, to prove a refusal wrote nothing. Marten's tombstones (placeholders it
    /// writes for the event sequence numbers a rolled-back append had taken) carry no data and are not counted.
    /// </summary>
    private async Task<(long Events, int Enrolments, int Registrants)> CountAsync()
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.QueryAllRawEvents().Where(recorded => recorded.EventTypeName != "tombstone").LongCountAsync(Cancellation),
            await session.Query<Achats.Enrolment.Enrolments.EnrolmentFile>().CountAsync(Cancellation),
            await session.Query<Achats.Enrolment.Enrolments.Registrant>().CountAsync(Cancellation));
    }
}
