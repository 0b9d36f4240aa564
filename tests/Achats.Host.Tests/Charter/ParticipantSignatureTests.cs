using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Charter.Signatures;
using Achats.Enrolment.Contracts;
using Achats.Host.Tests.Enrolment;
using Achats.Shared.Access;
using Achats.Shared.Email;
using Achats.Testing;
using Marten;
using Shouldly;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Charter;

/// <summary>
/// The charter from the participant's chair: no link before there is a charter to sign, a used link that only shows
/// the signature, and revoking done signed in, with a confirmation (ADR 0046).
/// </summary>
public sealed class ParticipantSignatureTests(ParticipantApp app) : IClassFixture<ParticipantApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Validated_before_the_charter_is_published_the_participant_is_told_it_will_follow_and_gets_the_link_at_publication()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        await SaveDraftAsync(staff, cohortId);
        var (enrolmentId, address) = await ValidatedAsync(staff, cohortId);

        var toCome = await app.LatestEmailToAsync(address, "la charte d'engagement suivra");
        toCome.Text.ShouldContain("Vous recevrez votre lien personnel de signature par courriel dès qu'elle le sera");
        toCome.Links.ShouldAllBe(link => link.AbsolutePath == PublicSite.PrivacyPath, "no signing link before the charter is published");
        await FollowEveryLinkAsync(toCome);
        (await SigningEmailsToAsync(address)).ShouldBeEmpty();
        (await FileAsync(enrolmentId)).ActiveLink.ShouldBeNull();

        // Staff see who waits, on the editor and in the API, and cannot send a link to nothing.
        (await staff.GetStringAsync($"/charte?edition={cohortId}", Cancellation)).ShouldContain("1 participant·e validé·e attend la publication de la charte");
        (await (await staff.GetAsync($"/api/charter/v1/cohorts/{cohortId}", Cancellation)).ReadAsync<CharterAnswer>(HttpStatusCode.OK))
            .AwaitingPublication.ShouldBe(1);
        var refused = await staff.PostAsync($"/api/charter/v1/signatures/{enrolmentId}/links", null, Cancellation);
        (await refused.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail.ShouldBe(
            "La charte de cette édition n'est pas encore publiée : le lien de signature partira à sa publication.");

        var (published, _) = await app.TrackedAsync(staff, client => client.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation));

        published.StatusCode.ShouldBe(HttpStatusCode.Created);
        var linkEmail = await app.LatestEmailToAsync(address, "est publiée : signez-la");
        linkEmail.Text.ShouldContain("Comme annoncé à la validation de votre pré-inscription");
        linkEmail.Text.ShouldNotContain("ne sert qu'une fois");
        (await SigningEmailsToAsync(address)).ShouldHaveSingleItem();
        await FollowEveryLinkAsync(linkEmail);
        using var browser = app.CreateBrowserClient();
        (await browser.GetStringAsync(linkEmail.LinkTo("/charte/"), Cancellation)).ShouldContain("Signer la charte");
        (await (await staff.GetAsync($"/api/charter/v1/cohorts/{cohortId}", Cancellation)).ReadAsync<CharterAnswer>(HttpStatusCode.OK))
            .AwaitingPublication.ShouldBe(0);
    }

    [Fact]
    public async Task A_file_stored_just_after_the_publication_round_read_the_files_still_gets_its_link_once()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        await PublishAsync(staff, cohortId);
        var enrolmentId = Guid.CreateVersion7();
        var address = $"camille.{Guid.CreateVersion7():N}@montreuil.test";
        // As a validation racing the publication leaves it: the file stored without a link, after the round.
        await using (var session = app.Store.LightweightSession())
        {
            var requested = new SignatureRequested(Guid.CreateVersion7(), enrolmentId, cohortId,
                new Signer("Camille", "Durand", address, "Acheteuse", "Ville de Montreuil"));
            session.Events.StartStream<SignatureFile>(requested.FileId, requested);
            await session.SaveChangesAsync(Cancellation);
        }

        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).InvokeMessageAndWaitAsync(new OfferSigningLink(enrolmentId));
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).InvokeMessageAndWaitAsync(new OfferSigningLink(enrolmentId)); // a redelivery

        var email = (await SigningEmailsToAsync(address)).ShouldHaveSingleItem();
        email.Subject.ShouldBe("La charte d'engagement de votre édition est publiée : signez-la");
        await FollowEveryLinkAsync(email);
        (await FileAsync(enrolmentId)).ActiveLink.ShouldNotBeNull();
    }

    [Fact]
    public async Task Validated_after_the_charter_is_published_the_participant_gets_the_link_with_the_validation()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        await PublishAsync(staff, cohortId);

        var (_, address) = await ValidatedAsync(staff, cohortId);

        var email = (await SigningEmailsToAsync(address)).ShouldHaveSingleItem();
        email.Subject.ShouldBe("Votre pré-inscription est validée : signez la charte d'engagement");
        email.Text.ShouldContain("Il est valable jusqu'au ");
        email.Html.ShouldNotBeNull().ShouldContain("Lire et signer la charte</a>");
        await FollowEveryLinkAsync(email);
        using var browser = app.CreateBrowserClient();
        (await browser.GetStringAsync(email.LinkTo("/charte/"), Cancellation)).ShouldContain("Participer aux séances plénières.");
    }

    [Fact]
    public async Task A_used_signing_link_shows_the_signature_and_nothing_that_acts()
    {
        var (_, enrolmentId, address, link) = await SignedAsync();
        using var holder = app.CreateBrowserClient();

        var page = await holder.GetStringAsync(link, Cancellation);

        page.ShouldContain("Vous avez signé la charte d&#x27;engagement le ");
        page.ShouldContain("(version 1)");
        page.ShouldNotContain("<form");
        page.ShouldNotContain("Révoquer ma signature");
        page.ShouldNotContain(address);

        // The revoke route of the old link is gone, and a revocation posted to the link itself finds no form: nothing changes.
        var oldRoute = await holder.PostAsync($"{link}/revocation", new FormUrlEncodedContent([new("reason", "Quelqu'un d'autre.")]), Cancellation);
        oldRoute.IsSuccessStatusCode.ShouldBeFalse(); // no such page: the closed-by-default answer, a redirect to the staff sign-in
        var onTheLink = await holder.PostAsync(link, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Antiforgery(await holder.GetStringAsync("/inscription", Cancellation))),
            new("_handler", "revocation"),
            new("reason", "Quelqu'un d'autre."),
        ]), Cancellation);
        ((int)onTheLink.StatusCode).ShouldBeInRange(400, 499);
        var file = await FileAsync(enrolmentId);
        file.Revocation.ShouldBeNull();
        file.Committable.ShouldBeTrue();
    }

    [Fact]
    public async Task The_participant_revokes_signed_in_after_confirming_with_a_reason_and_leaves_the_edition()
    {
        var (staff, enrolmentId, address, _) = await SignedAsync();
        using var participant = await app.ParticipantAsync(address.ToUpperInvariant());
        var path = $"/mon-inscription/charte/{enrolmentId}";

        var page = await participant.GetStringAsync(path, Cancellation);
        page.ShouldContain("Vous avez signé la charte d&#x27;engagement le ");
        page.ShouldContain($"<a class=\"button danger\" href=\"{path}?revoquer=oui#revocation\">Révoquer ma signature et quitter l&#x27;édition</a>");
        page.ShouldNotContain("<form method=\"post\"");

        var confirmation = await participant.GetStringAsync($"{path}?revoquer=oui", Cancellation);
        confirmation.ShouldContain("Êtes-vous sûr·e de vouloir révoquer votre signature ?");
        confirmation.ShouldContain("<button type=\"submit\" class=\"danger\">Oui, révoquer ma signature et quitter l&#x27;édition</button>");

        var withoutReason = await participant.PostAsync($"{path}?revoquer=oui", Revocation(confirmation, ""), Cancellation);
        withoutReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutReason.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Dites-nous en quelques mots pourquoi vous révoquez votre signature.");
        (await FileAsync(enrolmentId)).Revocation.ShouldBeNull();

        var (revoked, messages) = await app.TrackedAsync(participant, client => client.PostAsync($"{path}?revoquer=oui", Revocation(confirmation, "Changement de poste."), Cancellation));

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect, await revoked.Content.ReadAsStringAsync(Cancellation));
        revoked.Headers.Location!.ToString().ShouldEndWith($"{path}?fait=revocation");
        Published<EnrolmentWithdrawn>(messages).ShouldHaveSingleItem().Reason.ShouldBe("Signature de la charte révoquée : Changement de poste.");
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Withdrawn");
        await using (var session = app.Store.QuerySession())
        {
            var file = await session.Query<SignatureFile>().SingleAsync(file => file.EnrolmentId == enrolmentId, Cancellation);
            var recorded = (await session.Events.FetchStreamAsync(file.Id, token: Cancellation)).Single(e => e.Data is SignatureRevoked);
            recorded.UserName.ShouldBe(Actor.ParticipantOf(enrolmentId).ToString());
        }

        var after = await participant.GetStringAsync($"{path}?fait=revocation", Cancellation);
        after.ShouldContain("Votre révocation est enregistrée");
        after.ShouldContain("Vous avez révoqué votre signature le ");
        after.ShouldNotContain("revoquer=oui");
    }

    [Fact]
    public async Task A_participant_of_another_address_gets_the_same_404_as_for_an_unknown_enrolment_and_changes_nothing()
    {
        var (_, enrolmentId, address, _) = await SignedAsync();
        using var owner = await app.ParticipantAsync(address);
        var confirmation = await owner.GetStringAsync($"/mon-inscription/charte/{enrolmentId}?revoquer=oui", Cancellation);
        using var other = await app.ParticipantAsync($"autre.{Guid.CreateVersion7():N}@exemple.test");

        var theirs = await other.GetAsync($"/mon-inscription/charte/{enrolmentId}", Cancellation);
        var unknown = await other.GetAsync($"/mon-inscription/charte/{Guid.CreateVersion7()}", Cancellation);
        var posted = await other.PostAsync($"/mon-inscription/charte/{enrolmentId}?revoquer=oui", Revocation(confirmation, "Je ne suis pas la bonne personne."), Cancellation);

        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (theirPage, unknownPage) = (await theirs.Content.ReadAsStringAsync(Cancellation), await unknown.Content.ReadAsStringAsync(Cancellation));
        theirPage.ShouldContain("Aucune signature de la charte ne correspond à cette inscription.");
        unknownPage.ShouldContain("Aucune signature de la charte ne correspond à cette inscription.");
        theirPage.ShouldNotContain("Camille");
        ((int)posted.StatusCode).ShouldBeInRange(400, 499);
        (await FileAsync(enrolmentId)).Revocation.ShouldBeNull();
        using var anonymous = app.CreateBrowserClient();
        var refused = await anonymous.GetAsync($"/mon-inscription/charte/{enrolmentId}", Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>A cohort with its charter published, a participant validated in it who signed through their link.</summary>
    private async Task<(HttpClient Staff, Guid EnrolmentId, string Address, string Link)> SignedAsync()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        await PublishAsync(staff, cohortId);
        var (enrolmentId, address) = await ValidatedAsync(staff, cohortId);
        var link = (await app.LatestEmailToAsync(address, "signez la charte")).LinkTo("/charte/");
        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync(link, Cancellation);
        (await app.TrackedAsync(browser, client => client.PostAsync(link, CharterSignatureTests.Signature(page), Cancellation))).Response
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        return (staff, enrolmentId, address, link);
    }

    private async Task<(Guid EnrolmentId, string Address)> ValidatedAsync(HttpClient staff, Guid cohortId)
    {
        var address = $"camille.{Guid.CreateVersion7():N}@montreuil.test";
        var form = Form(cohortId, NewSiren(), address);
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = "CommuneEptOrMetropole";
        organisation["communeInseeCode"] = "93048";
        var enrolmentId = (await _driver.PreRegisterAsync(form)).EnrolmentId;
        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation", new { version = await _driver.VersionAsync(staff, enrolmentId) });
        validated.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (enrolmentId, address);
    }

    private static async Task SaveDraftAsync(HttpClient staff, Guid cohortId) =>
        (await staff.PutAsJsonAsync($"/api/charter/v1/cohorts/{cohortId}/draft", new
        {
            title = "Charte d'engagement de l'édition",
            body = "Les participants s'engagent, pendant toute l'édition, à faire entrer l'économie circulaire et solidaire dans leurs achats.",
            commitments = new[] { "Participer aux séances plénières." },
        }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task PublishAsync(HttpClient staff, Guid cohortId)
    {
        await SaveDraftAsync(staff, cohortId);
        (await app.TrackedAsync(staff, client => client.PostAsync($"/api/charter/v1/cohorts/{cohortId}/versions", null, Cancellation))).Response
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Every link of the email opens a page, the privacy notice of the footer included.</summary>
    private async Task FollowEveryLinkAsync(ReceivedEmail email)
    {
        using var browser = app.CreateBrowserClient();
        foreach (var link in email.Links)
        {
            link.GetLeftPart(UriPartial.Authority).ShouldBe("http://localhost:5080");
            var answer = await browser.GetAsync(link.PathAndQuery, Cancellation);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{email.Subject}: {link}");
        }
    }

    private async Task<SignatureFile> FileAsync(Guid enrolmentId)
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<SignatureFile>().SingleAsync(file => file.EnrolmentId == enrolmentId, Cancellation);
    }

    private static FormUrlEncodedContent Revocation(string page, string reason) => new(
    [
        new("__RequestVerificationToken", Antiforgery(page)),
        new("_handler", "revocation"),
        new("reason", reason),
    ]);

    private static string Antiforgery(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>The emails to <paramref name="address"/> that hold a signing link.</summary>
    private async Task<List<ReceivedEmail>> SigningEmailsToAsync(string address) =>
        [.. (await app.EmailsToAsync(address)).Where(email => email.Links.Any(link => link.AbsolutePath.StartsWith("/charte/", StringComparison.Ordinal)))];

    private sealed record CharterAnswer(Guid CohortId, int AwaitingPublication);
}
