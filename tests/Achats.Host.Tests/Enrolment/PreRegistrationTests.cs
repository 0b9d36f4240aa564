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

        var receipt = await response.ReadAsync<ReceiptAnswer>(HttpStatusCode.Created);
        var enrolmentId = receipt.EnrolmentId;
        response.Headers.Location!.ToString().ShouldBe($"{Enrolments}/{enrolmentId}");
        receipt.Eligibility.ShouldBe("Free");
        receipt.EligibilityReasons[0].ShouldContain("91027");
        receipt.Message.ShouldContain("charte d'engagement");
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.Participant.Profile.ShouldBe("PrivateBuyer");
        enrolment.Project!.Themes.Count.ShouldBe(2);
        enrolment.Version.ShouldBe(2);
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
    public async Task The_same_email_twice_in_a_cohort_gets_409_naming_the_existing_pre_registration_whatever_its_case()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var email = $"dominique.{Guid.CreateVersion7():N}@ville.test";
        var first = await _driver.PreRegisterAsync(Form(cohortId, NewSiren(), email));
        var before = await CountAsync();

        var response = await PostAsync(Form(cohortId, NewSiren(), email.ToUpperInvariant()));

        var problem = await response.ReadAsync<AlreadyPreRegisteredAnswer>(HttpStatusCode.Conflict);
        problem.ExistingEnrolmentId.ShouldBe(first.EnrolmentId);
        problem.Detail.ShouldContain("déjà pré-inscrite");
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
        var winner = await answers.Single(answer => answer.StatusCode == HttpStatusCode.Created).ReadAsync<ReceiptAnswer>(HttpStatusCode.Created);
        foreach (var loser in answers.Where(answer => answer.StatusCode == HttpStatusCode.Conflict))
        {
            (await loser.ReadAsync<AlreadyPreRegisteredAnswer>(HttpStatusCode.Conflict)).ExistingEnrolmentId.ShouldBe(winner.EnrolmentId);
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

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity);
        problem.Type.ShouldBe("urn:achats:problem:supplier-not-participant");
        problem.Detail!.ShouldContain("catalogue de solutions");
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
