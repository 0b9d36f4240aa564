using System.Net;
using System.Net.Http.Json;
using Achats.Charter.Signatures;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Email;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Charter.CharterSignatureTests;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Charter;

/// <summary>A version published while participants are in the cohort: they are asked to sign again; staff see who has not, and who let the deadline pass.</summary>
public sealed class ResignatureTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly CharterSignatureTests _charter = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admitted_participants_are_asked_to_sign_a_new_version_and_lapsing_is_reported_not_enforced()
    {
        var (staff, enrolmentId, email) = await _charter.ValidatedWithPublishedCharterAsync();
        using var browser = app.CreateBrowserClient();
        var link = LinkIn(email);
        var page = await browser.GetStringAsync(link, Cancellation);
        (await app.TrackedAsync(browser, client => client.PostAsync(link, Signature(page), Cancellation))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var cohortId = (await (await staff.GetAsync($"{Enrolments}/{enrolmentId}", Cancellation)).ReadAsync<EnrolmentAnswer>(HttpStatusCode.OK)).CohortId;

        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement de l'édition",
            body = "Version amendée : les séances en présentiel comptent comme les séances en ligne.",
            commitments = new[] { "Participer aux séances plénières, en ligne ou en présentiel.", "Intégrer des critères circulaires et solidaires à mes achats." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (published, asked) = await app.TrackedAsync(staff, client => client.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation));

        published.StatusCode.ShouldBe(HttpStatusCode.Created);
        asked.Executed.SingleMessage<AskToSignAgain>().VersionNumber.ShouldBe(2);
        asked.Executed.MessagesOf<SendEmail>().ShouldHaveSingleItem().Subject.ShouldContain("version 2");
        var report = await ReportAsync(staff, cohortId);
        report.CurrentVersion.ShouldBe(2);
        report.Pending.ShouldBe(1);
        var line = report.Participants[0];
        line.SignedVersion.ShouldBe(1);
        line.AskedVersion.ShouldBe(2);
        line.Lapsed.ShouldBeFalse();

        // Past the grace period: reported to staff, the participant still admitted.
        app.Clock.Advance(TimeSpan.FromDays(31));
        using var later = await app.SignedInAsync(Achats.Shared.Access.StaffRole.ProgrammeStaff);
        var lapsed = await ReportAsync(later, cohortId);
        lapsed.Lapsed.ShouldBe(1);
        lapsed.Participants[0].Lapsed.ShouldBeTrue();
        var dashboard = await later.GetStringAsync($"/tableau-de-bord?edition={cohortId}", Cancellation);
        dashboard.ShouldContain("Nouvelle signature de la charte : délai expiré");
        dashboard.ShouldContain($"/inscriptions/{enrolmentId}");
        (await (await later.GetAsync($"{Enrolments}/{enrolmentId}", Cancellation)).ReadAsync<EnrolmentAnswer>(HttpStatusCode.OK)).Status.ShouldBe("Admitted");

        // Staff send a fresh link; signing version 2 brings the participant up to date.
        (await app.TrackedAsync(later, client => client.PostAsync($"/api/charter/v1/signatures/{enrolmentId}/links", null, Cancellation))).Response
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var newLink = LinkIn(await _charter.LatestEmailToAsync(EmailOf(email)));
        var newPage = await browser.GetStringAsync(newLink, Cancellation);
        newPage.ShouldContain("Version 2");
        (await app.TrackedAsync(browser, client => client.PostAsync(newLink, Signature(newPage), Cancellation))).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var upToDate = await ReportAsync(later, cohortId);
        upToDate.UpToDate.ShouldBe(1);
        upToDate.Participants[0].SignedVersion.ShouldBe(2);
    }

    private static async Task<SignatureReport> ReportAsync(HttpClient staff, Guid cohortId) =>
        await (await staff.GetAsync($"/api/charter/v1/cohorts/{cohortId}/signatures", Cancellation)).ReadAsync<SignatureReport>(HttpStatusCode.OK);

    private sealed record SignatureReport(int CurrentVersion, int Pending, int Lapsed, int UpToDate, IReadOnlyList<SignatureLine> Participants);

    private sealed record SignatureLine(int? SignedVersion, int? AskedVersion, bool Lapsed);
}
