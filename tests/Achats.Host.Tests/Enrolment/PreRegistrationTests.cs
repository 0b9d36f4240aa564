using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Shared.Access;
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

        var receipt = await ReadAsync(response, HttpStatusCode.Created);
        var enrolmentId = receipt.GetProperty("enrolmentId").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"{Enrolments}/{enrolmentId}");
        receipt.GetProperty("eligibility").GetString().ShouldBe("Free");
        receipt.GetProperty("eligibilityReasons")[0].GetString()!.ShouldContain("91027");
        receipt.GetProperty("message").GetString()!.ShouldContain("charte d'engagement");
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.GetProperty("participant").GetProperty("profile").GetString().ShouldBe("PrivateBuyer");
        enrolment.GetProperty("project").GetProperty("themes").GetArrayLength().ShouldBe(2);
        enrolment.GetProperty("version").GetInt32().ShouldBe(2);
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

        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("type").GetString().ShouldBe("urn:achats:problem:validation");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("participant.firstName")[0].GetString().ShouldBe("Le prénom est obligatoire.");
        errors.GetProperty("participant.email")[0].GetString().ShouldBe("L'adresse électronique n'est pas valide.");
        errors.GetProperty("participant.profile")[0].GetString().ShouldBe("Le profil est obligatoire.");
        errors.GetProperty("organisation.siren")[0].GetString().ShouldBe("Le SIREN doit compter 9 chiffres et être valide (clé de Luhn).");
        errors.GetProperty("organisation.communeInseeCode")[0].GetString().ShouldBe("Ce code INSEE ne correspond à aucune commune.");
        errors.GetProperty("declaredMemberships")[0].GetString().ShouldBe("Chaque adhésion ne se déclare qu'une fois.");
        errors.GetProperty("project.title")[0].GetString().ShouldBe("Le titre du projet d'achat est obligatoire.");
        errors.GetProperty("project.themes")[0].GetString().ShouldBe("Choisissez au moins un enjeu : circulaire, solidaire ou les deux.");
        errors.GetProperty("consentToDataProcessing")[0].GetString()!.ShouldContain("consentement");
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("{\"cohortId\": \"x\"}", "cohortId")]
    [InlineData("{\"participant\": {\"profile\": \"Fournisseur\"}}", "participant.profile")]
    public async Task A_value_of_the_wrong_type_gets_400_naming_the_field(string body, string field)
    {
        using var anonymous = app.CreateBrowserClient();

        var response = await anonymous.PostAsync(PreRegistrations, new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        (await ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_cohort_is_a_field_error()
    {
        var response = await PostAsync(Form(Guid.CreateVersion7(), NewSiren()));

        (await ReadAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("cohortId")[0].GetString()
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

        var problem = await ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("type").GetString().ShouldBe("urn:achats:problem:registration-closed");
        problem.GetProperty("detail").GetString()!.ShouldContain(said);
        problem.GetProperty("registrationClosesOn").GetString().ShouldNotBeNull();
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_email_twice_in_a_cohort_gets_409_naming_the_existing_pre_registration_whatever_its_case()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var email = $"dominique.{Guid.CreateVersion7():N}@ville.test";
        var first = await _driver.PreRegisterAsync(Form(cohortId, NewSiren(), email));
        var before = await CountAsync();

        var response = await PostAsync(Form(cohortId, NewSiren(), email.ToUpperInvariant()));

        var problem = await ReadAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("existingEnrolmentId").GetGuid().ShouldBe(first.GetProperty("enrolmentId").GetGuid());
        problem.GetProperty("detail").GetString()!.ShouldContain("déjà pré-inscrite");
        (await CountAsync()).ShouldBe(before);
        // Another cohort is another matter.
        var otherCohort = await _driver.OpenCohortAsync(staff);
        (await PostAsync(Form(otherCohort, NewSiren(), email))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_original_201_and_a_new_key_gets_409()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        var key = Guid.CreateVersion7().ToString();

        var first = await PostAsync(form, key);
        var before = await CountAsync();
        var retry = await PostAsync(form, key);
        var other = await PostAsync(form, Guid.CreateVersion7().ToString());

        var original = await ReadAsync(first, HttpStatusCode.Created);
        var replayed = await ReadAsync(retry, HttpStatusCode.Created);
        replayed.GetRawText().ShouldBe(original.GetRawText());
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Two_identical_posts_racing_make_one_enrolment_and_one_409()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        var before = await CountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostAsync(form), Cancellation)));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var winner = await ReadAsync(answers.Single(answer => answer.StatusCode == HttpStatusCode.Created));
        foreach (var loser in answers.Where(answer => answer.StatusCode == HttpStatusCode.Conflict))
        {
            (await ReadAsync(loser)).GetProperty("existingEnrolmentId").GetGuid().ShouldBe(winner.GetProperty("enrolmentId").GetGuid());
        }

        answers.Count(answer => answer.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        (await CountAsync()).ShouldBe((before.Events + 2, before.Enrolments + 1, before.Registrants + 1));
    }

    [Fact]
    public async Task A_supplier_promoting_their_own_solution_is_refused_towards_the_catalogue_and_nothing_is_stored()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var form = Form(cohortId, NewSiren());
        form["promotesOwnSolution"] = true;
        Participant(form)["profile"] = null; // a supplier is told what matters, not about the other fields
        var before = await CountAsync();

        var response = await PostAsync(form);

        var problem = await ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("type").GetString().ShouldBe("urn:achats:problem:supplier-not-participant");
        problem.GetProperty("detail").GetString()!.ShouldContain("catalogue de solutions");
        (await CountAsync()).ShouldBe(before);
    }

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
