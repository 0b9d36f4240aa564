using System.Net;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The participant's page opens through a single-use, 30-minute link emailed on request, and tells no one which addresses are known.</summary>
public sealed class ParticipantSignInTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _enrolments = new(app);
    private readonly ParticipantDriver _participant = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(Guid EnrolmentId, string Email)> PreRegisteredAsync()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _enrolments.OpenCohortAsync(staff);
        var email = $"camille.{Guid.CreateVersion7():N}@entreprise.test";
        var receipt = await _enrolments.PreRegisterAsync(Form(cohortId, NewSiren(), email));
        return (receipt.EnrolmentId, email);
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_gets_an_email()
    {
        var (_, known) = await PreRegisteredAsync();
        var unknown = $"personne.{Guid.CreateVersion7():N}@entreprise.test";
        using var browser = app.CreateBrowserClient();

        var toKnown = await _participant.RequestLinkAsync(browser, known.ToUpperInvariant());
        var toUnknown = await _participant.RequestLinkAsync(browser, unknown);

        WebUtility.HtmlDecode(toKnown).ShouldContain("Si cette adresse correspond à une pré-inscription, un lien de connexion vient de lui être envoyé.");
        Strip(toKnown).ShouldBe(Strip(toUnknown));
        (await app.EmailsToAsync(unknown)).ShouldBeEmpty();
        var email = (await SignInLinksToAsync(known)).ShouldHaveSingleItem();
        email.Subject.ShouldBe("Votre lien pour accéder à votre inscription");
        email.Text.ShouldContain("Bonjour Camille,");
        email.Text.ShouldContain("ne sert qu'une fois et reste valable 30 minutes");
    }

    [Fact]
    public async Task The_link_opens_the_page_once_then_says_it_was_used()
    {
        var (enrolmentId, email) = await PreRegisteredAsync();
        using var browser = app.CreateBrowserClient();
        await _participant.RequestLinkAsync(browser, email);
        var link = await _participant.LatestLinkAsync(email);

        // Opening the link (as a mail scanner does) uses nothing up: the button does.
        (await browser.GetAsync(link, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var signedIn = await _participant.FollowLinkAsync(browser, link);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await ParticipantDriver.PageAsync(browser, ParticipantDriver.Home);
        page.ShouldContain($"Vous êtes connecté·e avec l'adresse {email}.");
        page.ShouldContain("Pré-inscrite");
        page.ShouldContain($"/mon-inscription/{enrolmentId}/retrait");

        using var again = app.CreateBrowserClient();
        var usedPage = await ParticipantDriver.PageAsync(again, link, HttpStatusCode.Gone);
        usedPage.ShouldContain("Ce lien de connexion a déjà servi");
        usedPage.ShouldContain("href=\"/mon-inscription\"");
    }

    [Fact]
    public async Task The_link_expires_after_30_minutes_and_an_unknown_one_is_refused_in_French()
    {
        var (_, email) = await PreRegisteredAsync();
        using var browser = app.CreateBrowserClient();
        await _participant.RequestLinkAsync(browser, email);
        var link = await _participant.LatestLinkAsync(email);

        app.Clock.Advance(TimeSpan.FromMinutes(30));

        (await ParticipantDriver.PageAsync(browser, link, HttpStatusCode.Gone)).ShouldContain("Ce lien de connexion a expiré");
        (await ParticipantDriver.PageAsync(browser, $"{ParticipantDriver.Home}/connexion/inconnu", HttpStatusCode.Gone))
            .ShouldContain("Ce lien de connexion n'est pas valide");
        (await browser.GetStringAsync(ParticipantDriver.Home, Cancellation)).ShouldContain("Recevoir un lien de connexion");
    }

    [Fact]
    public async Task An_address_gets_at_most_three_links_an_hour_whoever_asks()
    {
        var (_, email) = await PreRegisteredAsync();
        using var browser = app.CreateBrowserClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await _participant.RequestLinkAsync(browser, email);
        }

        (await SignInLinksToAsync(email)).Count.ShouldBe(3);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await _participant.RequestLinkAsync(browser, email);
        (await SignInLinksToAsync(email)).Count.ShouldBe(4);
    }

    /// <summary>The sign-in links sent to <paramref name="address"/> (the pre-registration's acknowledgement aside).</summary>
    private async Task<List<ReceivedEmail>> SignInLinksToAsync(string address) =>
        [.. (await app.EmailsToAsync(address)).Where(email => email.Subject == "Votre lien pour accéder à votre inscription")];

    [Fact]
    public async Task A_participant_sees_only_their_own_enrolments_and_another_ones_steps_are_not_found()
    {
        var (mine, email) = await PreRegisteredAsync();
        var (theirs, _) = await PreRegisteredAsync();
        using var participant = await _participant.SignedInAsync(email);

        var page = await participant.GetStringAsync(ParticipantDriver.Home, Cancellation);
        page.ShouldContain(mine.ToString());
        page.ShouldNotContain(theirs.ToString());
        foreach (var step in new[] { "reponse", "projet", "binome", "retrait" })
        {
            (await participant.GetAsync($"{ParticipantDriver.Home}/{theirs}/{step}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            // Signed in, but not as staff: the frame shows no staff navigation and no staff sign-out.
            (await ParticipantDriver.PageAsync(participant, $"{ParticipantDriver.Home}/{mine}/{step}")).ShouldNotContain("action=\"/deconnexion\"");
        }
    }

    [Fact]
    public async Task A_staff_session_opens_no_participant_page_and_a_participant_session_opens_no_staff_page()
    {
        var (enrolmentId, email) = await PreRegisteredAsync();
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var participant = await _participant.SignedInAsync(email);

        var asStaff = await staff.GetAsync($"{ParticipantDriver.Home}/{enrolmentId}/retrait", Cancellation);
        asStaff.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ParticipantDriver.PathOf(asStaff.Headers.Location!).ShouldStartWith("/mon-inscription?");
        (await staff.GetStringAsync(ParticipantDriver.Home, Cancellation)).ShouldContain("Recevoir un lien de connexion");

        var asParticipant = await participant.GetAsync($"/inscriptions/{enrolmentId}", Cancellation);
        asParticipant.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ParticipantDriver.PathOf(asParticipant.Headers.Location!).ShouldStartWith("/connexion?");
        (await participant.GetAsync($"{Enrolments}/{enrolmentId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_closes_the_page()
    {
        var (enrolmentId, email) = await PreRegisteredAsync();
        using var participant = await _participant.SignedInAsync(email);

        using var signedOut = await _participant.PostFormAsync(participant, ParticipantDriver.Home, "sign-out", new Dictionary<string, string>());

        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await participant.GetStringAsync(ParticipantDriver.Home, Cancellation)).ShouldContain("Recevoir un lien de connexion");
        (await participant.GetAsync($"{ParticipantDriver.Home}/{enrolmentId}/retrait", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>The page without what differs on every render (the antiforgery token).</summary>
    private static string Strip(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]+\"", "");
}
