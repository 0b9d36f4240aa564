using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Charter.Signatures;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using MimeKit;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Charter;

/// <summary>From a validated pre-registration to admission: the charter emailed as a personal link, read and signed.</summary>
public sealed partial class CharterSignatureTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_validated_participant_gets_an_email_follows_the_link_signs_the_published_charter_and_is_admitted()
    {
        var (staff, enrolmentId, email) = await ValidatedWithPublishedCharterAsync();
        var link = LinkIn(email);
        using var browser = app.CreateBrowserClient();

        var page = await browser.GetStringAsync(link, Cancellation);
        page.ShouldContain("Charte d&#x27;engagement de l&#x27;édition");
        page.ShouldContain("Participer aux séances plénières.");
        page.ShouldContain("<h2>Préambule</h2>");
        page.ShouldContain("<strong>toute l");
        page.ShouldNotContain("<script>alert(1)</script>");
        page.ShouldContain("placeholder=\"Camille Durand\"");
        var (signed, messages) = await app.TrackedAsync(browser, client => client.PostAsync(link, Signature(page), Cancellation));

        var confirmation = await signed.Content.ReadAsStringAsync(Cancellation);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, confirmation);
        confirmation.ShouldContain("Charte signée");
        Published<EnrolmentAdmitted>(messages).ShouldHaveSingleItem().EnrolmentId.ShouldBe(enrolmentId);
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Admitted");

        // The evidence names the exact text signed: its fingerprint is that of the version's words.
        await using var session = app.Store.QuerySession();
        var file = await session.Query<SignatureFile>().SingleAsync(file => file.EnrolmentId == enrolmentId, Cancellation);
        var signature = file.Signatures.ShouldHaveSingleItem();
        var charter = await session.Query<Achats.Charter.Charters.CohortCharter>().SingleAsync(charter => charter.Id != Guid.Empty && charter.CohortId == file.CohortId, Cancellation);
        var version = charter.Versions.Single(version => version.Id == signature.VersionId);
        signature.Fingerprint.ShouldBe(version.Text.Fingerprint());
        signature.Fingerprint.ShouldBe(version.Fingerprint);
        signature.TypedName.ShouldBe("Camille Durand");
        signature.Role.ShouldBe("Directrice de la commande publique");
        signature.AuthorisedToCommit.ShouldBeTrue();
        signature.UserAgent.ShouldNotBeNull();
        var recorded = (await session.Events.FetchStreamAsync(file.Id, token: Cancellation)).Single(e => e.Data is CharterSignatureRecorded);
        recorded.UserName.ShouldBe($"participant:{enrolmentId}::");

        // Used once: the link now says so and records nothing more.
        var again = await browser.PostAsync(link, Signature(page), Cancellation);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync(Cancellation)).ShouldContain("déjà servi");

        // The link now only shows the signature given: revoking is done signed in (ParticipantSignatureTests).
        var signedPage = await browser.GetStringAsync(link, Cancellation);
        signedPage.ShouldContain("Vous avez signé la charte d&#x27;engagement le ");
        signedPage.ShouldNotContain("Révoquer ma signature");
    }

    [Fact]
    public async Task A_tampered_an_expired_or_a_replaced_link_gets_a_clear_page_and_records_nothing()
    {
        var (staff, enrolmentId, email) = await ValidatedWithPublishedCharterAsync();
        var link = LinkIn(email);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync(link, Cancellation);

        var tampered = await browser.GetAsync(link[..^3] + "abc", Cancellation);
        tampered.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tampered.Content.ReadAsStringAsync(Cancellation)).ShouldContain("pas valide : il a peut-être été remplacé");

        // Staff send a new link: the first one stops working, the new one works.
        var (reissued, _) = await app.TrackedAsync(staff, client => client.PostAsync($"/api/charter/v1/signatures/{enrolmentId}/links", null, Cancellation));
        reissued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var old = await browser.PostAsync(link, Signature(page), Cancellation);
        old.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var newLink = LinkIn(await LatestEmailToAsync(EmailOf(email)));
        newLink.ShouldNotBe(link);

        await using (var session = app.Store.QuerySession())
        {
            (await session.Query<SignatureFile>().SingleAsync(file => file.EnrolmentId == enrolmentId, Cancellation)).Signatures.ShouldBeEmpty();
        }

        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Validated");

        // Fourteen days and a minute later, the new link has expired (the clock of this class only moves forward;
        // the other tests here take their dates from it).
        app.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var expired = await browser.GetAsync(newLink, Cancellation);
        expired.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await expired.Content.ReadAsStringAsync(Cancellation)).ShouldContain("a expiré");
    }

    [Fact]
    public async Task A_signature_on_paper_admits_too_and_a_revoked_signature_withdraws_the_participant()
    {
        var (staff, enrolmentId, email) = await ValidatedWithPublishedCharterAsync();

        var (paper, admission) = await app.PostTrackedAsync(staff, $"/api/charter/v1/signatures/{enrolmentId}/paper", new
        {
            signedOn = "2026-11-27",
            signerName = "Camille Durand",
            role = "Directrice de la commande publique",
            note = "Original reçu en réunion, classé au dossier de l'édition.",
        });

        paper.StatusCode.ShouldBe(HttpStatusCode.OK);
        Published<EnrolmentAdmitted>(admission).ShouldHaveSingleItem().EnrolmentId.ShouldBe(enrolmentId);
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Admitted");
        using (var browser = app.CreateBrowserClient())
        {
            (await browser.GetAsync(LinkIn(email), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound); // the link was voided
        }

        var (revoked, withdrawal) = await app.PostTrackedAsync(staff, $"/api/charter/v1/signatures/{enrolmentId}/revocation",
            new { reason = "Départ de la collectivité." });

        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var withdrawn = Published<EnrolmentWithdrawn>(withdrawal).ShouldHaveSingleItem();
        withdrawn.WasAdmitted.ShouldBeTrue();
        withdrawn.Reason.ShouldBe("Signature de la charte révoquée : Départ de la collectivité.");
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.Status.ShouldBe("Withdrawn");
        (await staff.PostAsJsonAsync($"/api/charter/v1/signatures/{enrolmentId}/revocation", new { reason = "Encore." }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_first_drafts_racing_make_one_charter_and_both_are_saved()
    {
        using var alice = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var bob = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(alice);
        var draft = new { title = "Charte", body = "Texte.", commitments = new[] { "Participer aux séances plénières." } };

        var answers = await Task.WhenAll(
            Task.Run(() => alice.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", draft, Cancellation), Cancellation),
            Task.Run(() => bob.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", draft, Cancellation), Cancellation));

        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.OK);
        await using var session = app.Store.QuerySession();
        (await session.Query<Achats.Charter.Charters.CohortCharter>().CountAsync(charter => charter.CohortId == cohortId, Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task The_signer_must_confirm_their_name_their_role_and_their_authority()
    {
        var (_, _, email) = await ValidatedWithPublishedCharterAsync();
        var link = LinkIn(email);
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync(link, Cancellation);
        var fields = Signature(page, authorised: false, name: "");

        var refused = await browser.PostAsync(link, fields, Cancellation);

        var html = await refused.Content.ReadAsStringAsync(Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Saisissez votre prénom et votre nom.");
        html.ShouldContain("Confirmez que vous êtes autorisé·e à engager votre structure.");
    }

    /// <summary>A cohort with a published charter, a public body validated in it, and the email Charter sent.</summary>
    internal async Task<(HttpClient Staff, Guid EnrolmentId, MimeMessage Email)> ValidatedWithPublishedCharterAsync()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement de l'édition",
            body = "## Préambule\n\nLes participants s'engagent, pendant **toute l'édition**, à faire entrer l'économie circulaire et solidaire dans leurs achats.\n\n<script>alert(1)</script>",
            commitments = new[] { "Participer aux séances plénières.", "Intégrer des critères circulaires et solidaires à mes achats.", "Viser au moins une procédure d'achat pendant le programme." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var form = Form(cohortId, NewSiren());
        var participant = (Dictionary<string, object?>)form["participant"]!;
        participant["jobTitle"] = "Directrice de la commande publique";
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = "CommuneEptOrMetropole";
        organisation["communeInseeCode"] = "93048";
        var enrolmentId = (await _driver.PreRegisterAsync(form)).EnrolmentId;
        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation", new { version = await _driver.VersionAsync(staff, enrolmentId) });
        validated.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (staff, enrolmentId, await LatestEmailToAsync((string)participant["email"]!));
    }

    internal async Task<MimeMessage> LatestEmailToAsync(string address)
    {
        MimeMessage? latest = null;
        foreach (var file in Directory.GetFiles(app.EmailFolder, "*.eml").Order())
        {
            var message = await MimeMessage.LoadAsync(file, Cancellation);
            if (message.To.Mailboxes.Any(mailbox => mailbox.Address == address))
            {
                latest = message;
            }
        }

        return latest.ShouldNotBeNull($"no email to {address}");
    }

    internal static string EmailOf(MimeMessage message) => message.To.Mailboxes.Single().Address;

    internal static string LinkIn(MimeMessage email)
    {
        var link = SigningLink().Match(email.TextBody ?? "").Value;
        link.ShouldNotBeNullOrEmpty();
        return new Uri(link).PathAndQuery;
    }

    internal static FormUrlEncodedContent Signature(string page, bool authorised = true, string name = "Camille Durand") => new(
    [
        new("__RequestVerificationToken", Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value),
        new("_handler", "signature"),
        new("versionId", Regex.Match(page, "name=\"versionId\" value=\"([^\"]+)\"").Groups[1].Value),
        new("typedName", name),
        new("role", "Directrice de la commande publique"),
        .. authorised ? [new KeyValuePair<string, string>("authorisedToCommit", "true")] : Array.Empty<KeyValuePair<string, string>>(),
    ]);

    [GeneratedRegex(@"https?://\S+/charte/\S+")]
    private static partial Regex SigningLink();
}
