using System.Net;
using System.Net.Http.Json;
using Achats.Catalogue.Matchmaking;
using Achats.Catalogue.Search;
using Achats.Cohorts.Contracts;
using Achats.Shared.Time;
using Achats.Testing;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Host.Tests.Catalogue;

/// <summary>
/// A supplier's solution through the whole catalogue, each step through what its user touches: the public form, the
/// emailed confirmation, staff's review asking for changes, the supplier's edit, publication, the public search with
/// another inflection of a word, and a matchmaking session the supplier is invited to and answers.
/// </summary>
public sealed class CatalogueJourneyTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_proposed_solution_is_reviewed_edited_published_found_and_presented_at_a_matchmaking_session()
    {
        var supplier = new SubmissionDriver(app);
        var review = new ReviewDriver(app);
        var email = SubmissionDriver.NewEmail();

        // Proposed on the public API, confirmed through the emailed link: it waits for review, not yet in the catalogue.
        var submitted = await supplier.ConfirmedAsync(email, "Postes de travail réemployés");
        (await SearchAsync("réemploi")).Total.ShouldBe(0);

        // Staff ask for changes: the supplier is written with a link to edit, and edits.
        var staff = await review.StaffNamedAsync("Inès Moreau");
        (await review.DecideAsync(staff, submitted.Id, "changes-request",
            new { version = submitted.Version, message = "Précisez ce que vous livrez." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changes = await app.LatestEmailToAsync(email, "Des modifications sont demandées");
        changes.Text.ShouldContain("Précisez ce que vous livrez.");
        var edit = changes.LinkTo("/catalogue/modifier/");
        using var browser = app.CreateBrowserClient();
        var page = await SubmissionDriver.PageAsync(browser, edit);
        page.ShouldContain("Précisez ce que vous livrez.");
        (await supplier.EditAsync(browser, edit, page, ("solution.summary", "Bureaux, sièges et caissons remis en état et livrés en Île-de-France.")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var edited = await supplier.SolutionAsync(submitted.Id);
        edited.AwaitsReview.ShouldBeTrue();
        edited.Draft.Solution.Summary.ShouldStartWith("Bureaux, sièges et caissons");

        // Published: the public search finds « réemployés » when asked for « réemploi ».
        (await review.DecideAsync(staff, submitted.Id, "publication", new { version = edited.Version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.LatestEmailToAsync(email, "est publiée dans le catalogue")).LinkTo($"/catalogue/{submitted.Id}").ShouldBe($"/catalogue/{submitted.Id}");
        var found = await SearchAsync("réemploi");
        found.Items.ShouldHaveSingleItem().Id.ShouldBe(submitted.Id);

        // A matchmaking session on furniture proposes it; staff invite the supplier, who answers yes through the link.
        var startsAt = ParisTime.FromParis(app.Clock.GetUtcNow().AddDays(10).ParisDate().ToDateTime(new TimeOnly(14, 0)))!.Value;
        var session = new SessionScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), "Rencontre mobilier", "Matchmaking", startsAt, startsAt.AddHours(2),
            "InPerson", null, "Métropole du Grand Paris, 15-19 avenue Pierre Mendès France, Paris", null, [PurchaseCategory.Furniture]);
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(session).AsTask()));
        var sessionPath = $"/api/catalogue/v1/matchmaking/sessions/{session.SessionId}";
        (await (await staff.GetAsync(sessionPath, Cancellation)).ReadAsync<MatchmakingSessionView>(HttpStatusCode.OK))
            .Proposals.ShouldContain(proposal => proposal.SolutionId == submitted.Id);
        (await staff.PostAsJsonAsync($"{sessionPath}/invitations", new { solutionIds = new[] { submitted.Id } }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var invitation = await app.SentEmailToAsync(email, "Invitation à présenter « Postes de travail réemployés »");
        invitation.Attachments.ShouldHaveSingleItem().FileName.ShouldEndWith(".ics");
        var answer = invitation.LinkTo("/catalogue/invitation/");
        var invitationPage = await browser.GetStringAsync(answer, Cancellation);
        var (answered, _) = await app.TrackedAsync(browser, client => client.PostAsync(answer, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", SubmissionDriver.Hidden(invitationPage, "__RequestVerificationToken")),
            new("_handler", "answer"),
            new("Presents", "true"),
        ]), Cancellation));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await staff.GetAsync(sessionPath, Cancellation)).ReadAsync<MatchmakingSessionView>(HttpStatusCode.OK))
            .Invitations.ShouldHaveSingleItem().Presents.ShouldBe(true);
    }

    private async Task<CatalogueResults> SearchAsync(string words)
    {
        using var anonymous = app.CreateClient();
        return await (await anonymous.GetAsync($"/api/catalogue/v1/solutions?q={Uri.EscapeDataString(words)}", Cancellation))
            .ReadAsync<CatalogueResults>(HttpStatusCode.OK);
    }
}
