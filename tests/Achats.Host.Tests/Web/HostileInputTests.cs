using System.Net;
using System.Net.Http.Json;
using System.Text;
using Achats.Host.Tests.Enrolment;
using Achats.Host.Tests.Hostile;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Shared.Validation;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Web;

/// <summary>
/// Input an outside tester sends to break things (NUL characters, empty ids, odd offsets, numbered or missing enums,
/// duplicate keys, huge lists, ids of nothing) is refused with a 4xx in French, never a 500, and writes nothing.
/// </summary>
public sealed class HostileInputTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Cohorts = "/api/cohorts/v1/cohorts";
    private const string PartnerKeys = "/api/access/v1/partner-keys";

    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_NUL_in_an_anonymous_pre_registration_is_a_French_field_error_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var form = EnrolmentDriver.Form(await _driver.OpenCohortAsync(staff), EnrolmentDriver.NewSiren());
        ((Dictionary<string, object?>)form["participant"]!)["firstName"] = "Cam\0ille";
        using var anonymous = app.CreateBrowserClient();
        var before = await WrittenAsync();

        var response = await anonymous.PostAsJsonAsync(EnrolmentDriver.PreRegistrations, form, Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Type.ShouldBe(ProblemDetailsMapping.ValidationType);
        problem.Error("participant.firstName").ShouldBe(TextRules.InvisibleCharacter);
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_NUL_deep_in_a_list_of_a_staff_command_is_refused_at_its_place_in_the_list()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var before = await WrittenAsync();

        var response = await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft",
            new { title = "Charte", body = "Texte.", commitments = new[] { "Venir.", "Par\0ticiper." } }, Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("commitments[1]").ShouldBe(TextRules.InvisibleCharacter);
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_NUL_in_a_query_is_a_field_error_not_a_database_failure()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await staff.GetAsync($"{EnrolmentDriver.Enrolments}?search=Dur%00and", Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Errors!.Values.SelectMany(messages => messages)
            .ShouldContain(TextRules.InvisibleCharacter);
    }

    [Fact]
    public async Task A_percent_00_in_the_public_pre_registration_form_is_answered_in_French_never_a_500_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        using var browser = app.CreateBrowserClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetStringAsync("/inscription", Cancellation);
        var before = await WrittenAsync();
        var body = string.Join('&', PreRegistrationPageTests.Fields(page, cohortId).Select(field => $"{field.Key}={Uri.EscapeDataString(field.Value)}"))
            .Replace("participant.firstName=Camille", "participant.firstName=Cam%00ille", StringComparison.Ordinal);

        var response = await browser.PostAsync("/inscription", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Cancellation);

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        // The framework refuses to read such a form before the page sees it: a French page says why, not "expired".
        html.ShouldContain("caractère invisible non autorisé");
        html.ShouldNotContain("Formulaire expiré");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("POST", "/api/cohorts/v1/cohorts/00000000-0000-0000-0000-000000000000/launch")]
    [InlineData("POST", "/api/cohorts/v1/cohorts/00000000-0000-0000-0000-000000000000/closure")]
    [InlineData("GET", "/api/cohorts/v1/cohorts/00000000-0000-0000-0000-000000000000/roster")]
    [InlineData("POST", "/api/enrolment/v1/enrolments/00000000-0000-0000-0000-000000000000/pair")]
    [InlineData("GET", "/api/enrolment/v1/enrolments/00000000-0000-0000-0000-000000000000")]
    [InlineData("GET", "/api/enrolment/v1/enrolments/pas-un-identifiant")]
    public async Task An_empty_or_malformed_id_in_a_path_is_a_French_404_and_nothing_is_written(string method, string url)
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var before = await WrittenAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { version = 1 }) };
        var response = await staff.SendAsync(request, Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.NotFound);
        problem.Title.ShouldBe("Ressource introuvable");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("+01:00")]
    [InlineData("-05:30")]
    [InlineData("Z")]
    public async Task AsOf_takes_a_moment_with_any_offset(string offset)
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var receipt = await _driver.PreRegisterAsync(EnrolmentDriver.Form(await _driver.OpenCohortAsync(staff), EnrolmentDriver.NewSiren()));
        var offsetSpan = offset == "Z" ? TimeSpan.Zero : TimeSpan.Parse(offset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow.AddMinutes(1).ToOffset(offsetSpan).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

        var enrolment = await _driver.EnrolmentAsync(staff, receipt.EnrolmentId, $"?asOf={Uri.EscapeDataString(now + offset)}");

        enrolment.Id.ShouldBe(receipt.EnrolmentId);
    }

    [Fact]
    public async Task A_decision_on_an_enrolment_that_does_not_exist_is_a_404_not_a_conflict()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var before = await WrittenAsync();

        var response = await staff.PostAsJsonAsync($"{EnrolmentDriver.Enrolments}/{Guid.CreateVersion7()}/validation", new { version = 1 }, Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.NotFound);
        problem.Type.ShouldBe(ProblemDetailsMapping.NotFoundType);
        problem.Detail.ShouldStartWith("Aucun");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_partner_attesting_for_another_partner_is_forbidden_and_nothing_is_written()
    {
        using var inec = await app.PartnerAsync(OrganisingStructure.Inec, PartnerScope.AttestMemberships);
        // A key's first use is noted once (ADR 30): done here, so that only the refusal is measured.
        (await inec.GetAsync("/api/partners/v1/me", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await WrittenAsync();

        var response = await inec.PostAsJsonAsync(EnrolmentDriver.Memberships,
            new { siren = EnrolmentDriver.NewSiren(), membership = "ObsAR", since = "2024-01-01" }, Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.Forbidden);
        problem.Type.ShouldBe(ProblemDetailsMapping.ForbiddenType);
        problem.Title.ShouldBe("Accès refusé");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"scopes":["attest-memberships"],"label":"Sans partenaire"}""")]
    [InlineData("""{"partner":0,"scopes":["attest-memberships"],"label":"Partenaire numéroté"}""")]
    [InlineData("""{"partner":"1","scopes":["attest-memberships"],"label":"Partenaire numéroté"}""")]
    [InlineData("""{"partner":"ObsAR","partner":"Inec","scopes":["attest-memberships"],"label":"Deux partenaires"}""")]
    public async Task An_enum_left_out_given_as_a_number_or_a_key_sent_twice_is_refused_and_no_key_is_issued(string json)
    {
        using var administrator = await app.SignedInAsync(StaffRole.Administrator);
        var before = await WrittenAsync();

        var response = await administrator.PostAsync(PartnerKeys, new StringContent(json.Replace("attest-memberships", PartnerScope.AttestMemberships, StringComparison.Ordinal),
            Encoding.UTF8, "application/json"), Cancellation);

        var problem = await response.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        problem.Title.ShouldNotBeNull().ShouldContain("requête", Case.Insensitive);
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_charter_with_too_many_commitments_is_refused_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var before = await WrittenAsync();

        var response = await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft",
            new { title = "Charte", body = "Texte.", commitments = Enumerable.Range(1, 10_000).Select(n => $"Engagement {n}.").ToArray() }, Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("commitments").ShouldBe("Une charte compte au plus 100 engagements.");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_project_with_more_themes_than_there_are_is_refused_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var form = EnrolmentDriver.Form(await _driver.OpenCohortAsync(staff), EnrolmentDriver.NewSiren());
        form["project"] = new { title = "Rénovation", category = "ConstructionAndPublicWorks", themes = Enumerable.Repeat("Circular", 1_000).ToArray() };
        using var anonymous = app.CreateBrowserClient();
        var before = await WrittenAsync();

        var response = await anonymous.PostAsJsonAsync(EnrolmentDriver.PreRegistrations, form, Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("project.themes").ShouldBe("Choisissez chaque enjeu une fois au plus.");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_charter_draft_for_a_cohort_that_does_not_exist_is_a_404_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var before = await WrittenAsync();

        var response = await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{Guid.CreateVersion7()}/draft",
            new { title = "Charte", body = "Texte.", commitments = new[] { "Venir." } }, Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.NotFound)).Detail.ShouldStartWith("Aucune édition");
        (await WrittenAsync()).ShouldBe(before);
    }

    /// <summary>Rows of every event and document table of this test class's database: a refusal changes none.</summary>
    private async Task<long[]> WrittenAsync() => await (await WriteCounter.CreateAsync(app.ConnectionString)).ReadAsync();
}
