using System.Net;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The staff page of an enrolment over HTTP: its decisions are the API's, refused to whoever the API refuses.</summary>
public sealed partial class EnrolmentPageTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_decision_posted_from_the_page_is_taken_then_the_page_is_shown_again_with_the_new_state()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var enrolmentId = await PreRegisterPublicBodyAsync(await _driver.OpenCohortAsync(staff));
        var page = await staff.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation);

        var posted = await staff.PostAsync($"/inscriptions/{enrolmentId}", Decision(page, "validation", ("note", "Dossier complet.")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.ToString().ShouldEndWith($"/inscriptions/{enrolmentId}?fait=validation");
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Validated");
    }

    [Fact]
    public async Task An_auditor_posting_a_decision_is_refused_and_nothing_is_written()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var enrolmentId = await PreRegisterPublicBodyAsync(await _driver.OpenCohortAsync(staff));
        var page = await auditor.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation);
        var staffPage = await staff.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation);
        var version = await _driver.VersionAsync(staff, enrolmentId);

        page.ShouldNotContain("name=\"_handler\""); // no decision form
        var posted = await auditor.PostAsync($"/inscriptions/{enrolmentId}", Decision(staffPage, "refus", ("reason", "Essai.")), Cancellation);

        posted.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _driver.VersionAsync(staff, enrolmentId)).ShouldBe(version);
    }

    [Fact]
    public async Task A_stale_decision_is_refused_in_French_and_a_NUL_character_is_a_field_error()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var enrolmentId = await PreRegisterPublicBodyAsync(await _driver.OpenCohortAsync(staff));
        var stale = await staff.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation);
        await staff.PostAsync($"/inscriptions/{enrolmentId}", Decision(stale, "informations", ("question", "Votre budget ?")), Cancellation);
        var version = await _driver.VersionAsync(staff, enrolmentId);

        var conflict = await staff.PostAsync($"/inscriptions/{enrolmentId}", Decision(stale, "refus", ("reason", "Hors périmètre.")), Cancellation);
        var nul = await staff.PostAsync($"/inscriptions/{enrolmentId}",
            Decision(await staff.GetStringAsync($"/inscriptions/{enrolmentId}", Cancellation), "refus", ("reason", "Hors\0 périmètre.")), Cancellation);

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Recharger la page");
        nul.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest);
        (await _driver.VersionAsync(staff, enrolmentId)).ShouldBe(version);
    }

    [Fact]
    public async Task An_enrolment_that_does_not_exist_is_the_French_not_found_page()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);

        var response = await staff.GetAsync($"/inscriptions/{Guid.CreateVersion7()}", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Aucune inscription");
    }

    [Fact]
    public async Task A_malformed_cohort_in_a_dashboard_link_shows_the_remembered_or_latest_one()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        await _driver.OpenCohortAsync(staff);

        var response = await staff.GetAsync("/tableau-de-bord?edition=pas-un-identifiant", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Pré-inscriptions à décider");
    }

    [Fact]
    public async Task Choosing_a_cohort_goes_back_only_to_a_page_of_this_site()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var page = await staff.GetStringAsync("/tableau-de-bord", Cancellation);
        var token = Hidden(page, "__RequestVerificationToken");

        async Task<Uri?> ChooseAsync(string back) => (await staff.PostAsync("/edition", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("edition", cohortId.ToString()), new("retour", back)]), Cancellation)).Headers.Location;

        (await ChooseAsync("/inscriptions?etape=Validated"))!.ToString().ShouldBe("/inscriptions?etape=Validated");
        (await ChooseAsync("//ailleurs.example/"))!.ToString().ShouldBe("/");
        (await ChooseAsync("/\\ailleurs.example/"))!.ToString().ShouldBe("/");
        (await ChooseAsync("/inscriptions\r\nSet-Cookie: x=1"))!.ToString().ShouldBe("/");
    }

    /// <summary>The decision form <paramref name="form"/> of <paramref name="page"/>, as the browser would post it.</summary>
    private static FormUrlEncodedContent Decision(string page, string form, params (string Name, string Value)[] fields)
    {
        var html = FormOf().Matches(page).Single(match => match.Groups["handler"].Value == form).Value;
        List<KeyValuePair<string, string>> posted =
        [
            new("__RequestVerificationToken", Hidden(html, "__RequestVerificationToken")),
            new("_handler", form),
        ];
        if (Hidden(html, "version") is { Length: > 0 } version)
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

    private async Task<Guid> PreRegisterPublicBodyAsync(Guid cohortId)
    {
        var form = Form(cohortId, NewSiren());
        ((Dictionary<string, object?>)form["participant"]!)["profile"] = "PublicBuyer";
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = "CommuneEptOrMetropole";
        organisation["communeInseeCode"] = "93048";
        return (await _driver.PreRegisterAsync(form)).EnrolmentId;
    }
}
