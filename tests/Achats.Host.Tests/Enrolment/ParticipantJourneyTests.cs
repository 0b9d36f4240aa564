using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Achats.Enrolment.Enrolments;
using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>
/// The participant's whole year start, from their chair, on real PostgreSQL: every step told by email, every link in
/// those emails followed, the participant acting through their own page (issue 15).
/// </summary>
public sealed class ParticipantJourneyTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _enrolments = new(app);
    private readonly ParticipantDriver _participant = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pre_registered_asked_answered_validated_before_the_charter_signed_admitted_then_withdrawn_from_their_page()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _enrolments.OpenCohortAsync(staff);
        await ScheduleLaunchAsync(staff, cohortId);
        var email = $"camille.{Guid.CreateVersion7():N}@ville.test";
        var form = Form(cohortId, NewSiren(), email);
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = "CommuneEptOrMetropole"; // a commune of the Métropole: free, nothing to attest
        organisation["communeInseeCode"] = "93048";

        // Pre-registered: the public answer says nothing more than "received"; the email carries the reference.
        (await app.TrackedAsync(app.CreateBrowserClient(), client => client.PostAsJsonAsync(PreRegistrations, form, Cancellation)))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var receipt = await _enrolments.RecordedAsync(cohortId, email);
        var received = await app.LatestEmailToAsync(email, "est enregistrée");
        received.Subject.ShouldBe($"Votre pré-inscription {receipt.Reference} est enregistrée");
        receipt.Reference.ShouldNotBeNull().ShouldMatch(@"^ACH-\d{4}-\d{5}$");
        await FollowEveryLinkAsync(received);

        // A second pre-registration from the public form looks like the first from outside; the person is told by email.
        (await app.TrackedAsync(app.CreateBrowserClient(), client => client.PostAsJsonAsync(PreRegistrations, form, Cancellation)))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await FollowEveryLinkAsync(await app.LatestEmailToAsync(email, "déjà pré-inscrit·e"));

        // Asked for information: the email holds the question and the way to the participant's page, where they answer.
        (await app.PostTrackedAsync(staff, $"{Enrolments}/{receipt.EnrolmentId}/information-requests",
            new { version = await _enrolments.VersionAsync(staff, receipt.EnrolmentId), question = "Quel est l'objet exact de votre achat ?" }))
            .Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var asked = await app.LatestEmailToAsync(email, "besoin d'informations");
        asked.Text.ShouldContain("Quel est l'objet exact de votre achat ?");
        await FollowEveryLinkAsync(asked);
        using var participant = await _participant.SignedInAsync(email);
        using (var answered = await _participant.PostFormAsync(participant, $"{ParticipantDriver.Home}/{receipt.EnrolmentId}/reponse", "answer",
            new Dictionary<string, string> { ["answer"] = "Des fournitures de bureau reconditionnées." }))
        {
            answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await _participant.EnrolmentAsync(receipt.EnrolmentId)).Status.ShouldBe(EnrolmentStatus.PreRegistered);

        // Validated before the cohort's charter exists: no dead link is sent; the link leaves at publication.
        (await app.PostTrackedAsync(staff, $"{Enrolments}/{receipt.EnrolmentId}/validation",
            new { version = await _enrolments.VersionAsync(staff, receipt.EnrolmentId) })).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var toCome = await app.LatestEmailToAsync(email, "la charte d'engagement suivra");
        toCome.Links.ShouldNotContain(link => link.AbsolutePath.StartsWith("/charte/", StringComparison.Ordinal));
        await FollowEveryLinkAsync(toCome);
        await PublishTrackedAsync(staff, cohortId);
        var signHere = await app.LatestEmailToAsync(email, "signez-la");
        var signingLink = signHere.LinkTo("/charte/");
        await FollowEveryLinkAsync(signHere);

        // Signed, hence admitted: the welcome names the first session and brings it as a calendar file.
        using (var browser = app.CreateBrowserClient())
        {
            var page = await browser.GetStringAsync(signingLink, Cancellation);
            (await app.TrackedAsync(browser, client => client.PostAsync(signingLink, Charter.CharterSignatureTests.Signature(page), Cancellation)))
                .Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await _participant.EnrolmentAsync(receipt.EnrolmentId)).Status.ShouldBe(EnrolmentStatus.Admitted);
        var welcome = await app.LatestEmailToAsync(email, "Bienvenue");
        welcome.Text.ShouldContain("Séance de lancement");
        welcome.Attachments.ShouldHaveSingleItem().Content.ShouldContain("SUMMARY:Séance de lancement");
        await FollowEveryLinkAsync(welcome);

        // The old signing link only shows the signature; it cannot make the participant leave.
        var used = await app.CreateBrowserClient().GetStringAsync(signingLink, Cancellation);
        used.ShouldContain("Vous avez signé la charte d");
        used.ShouldNotContain("<form");

        // Later, the participant withdraws from their own page, after a confirmation, and is told by email.
        var withdrawal = $"{ParticipantDriver.Home}/{receipt.EnrolmentId}/retrait";
        using (var confirm = await _participant.PostFormAsync(participant, withdrawal, "reason", new Dictionary<string, string> { ["reason"] = "Changement de poste." }))
        {
            (await ParticipantDriver.TextOf(confirm)).ShouldContain("Êtes-vous sûr·e de vouloir vous retirer ?");
        }

        using (var confirmed = await _participant.PostFormAsync(participant, withdrawal, "confirmation", new Dictionary<string, string> { ["reason"] = "Changement de poste." }))
        {
            confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await _participant.EnrolmentAsync(receipt.EnrolmentId)).Status.ShouldBe(EnrolmentStatus.Withdrawn);
        var withdrawn = await app.LatestEmailToAsync(email, "est retirée");
        withdrawn.Text.ShouldContain("Changement de poste.");
        await FollowEveryLinkAsync(withdrawn);

        // Every step was written once: no email twice.
        var subjects = (await app.EmailsToAsync(email)).Select(sent => sent.Subject).ToList();
        subjects.ShouldBeUnique();
    }

    /// <summary>Every link of an email leads to a page of this site that answers (the sign-in link excepted: it is used once, by the test).</summary>
    private async Task FollowEveryLinkAsync(ReceivedEmail email)
    {
        using var browser = app.CreateBrowserClient();
        email.Links.ShouldNotBeEmpty();
        foreach (var link in email.Links.Where(link => link.Authority == "localhost:5080"))
        {
            (await browser.GetAsync(link.PathAndQuery, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{email.Subject}: {link}");
        }
    }

    /// <summary>Publishes the cohort's charter and waits for what it causes (the waiting participants' links).</summary>
    private async Task PublishTrackedAsync(HttpClient staff, Guid cohortId)
    {
        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement", body = "Les participants s'engagent pour toute l'édition.", commitments = new[] { "Participer aux séances plénières." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.TrackedAsync(staff, client => client.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation)))
            .Response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task ScheduleLaunchAsync(HttpClient staff, Guid cohortId)
    {
        var cohort = await GetAsync<CohortStart>(staff, $"{CohortsApi}/{cohortId}");
        var sequenceId = (await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sequences",
            new { title = "Comprendre l'achat circulaire" }, HttpStatusCode.Created)).CreatedId!.Value;
        var day = cohort.StartsOn.ToDateTime(new TimeOnly(9, 30));
        await SendAsync<CohortChangeAnswer>(staff, HttpMethod.Post, $"{CohortsApi}/{cohortId}/sessions", new
        {
            sequenceId, title = "Séance de lancement", kind = "Plenary", modality = "Online", meetingLink = "https://visio.example/lancement",
            startsAt = day.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            endsAt = day.AddHours(2.5).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        }, HttpStatusCode.Created);
    }

    private sealed record CohortStart(DateOnly StartsOn);
}
