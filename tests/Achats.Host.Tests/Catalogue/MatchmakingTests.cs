using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Catalogue.Contracts;
using Achats.Catalogue.Matchmaking;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Catalogue;

/// <summary>
/// A matchmaking session heard from Cohorts, the published solutions of its categories proposed, suppliers invited by
/// email, their answers through their link, the confirmed solutions published, and the session's cancellation told.
/// </summary>
public sealed partial class MatchmakingTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private const string Sessions = "/api/catalogue/v1/matchmaking/sessions";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_invite_a_proposed_supplier_who_answers_yes_through_the_emailed_link_and_the_confirmed_solutions_are_published()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var scheduled = await KeptAsync(PurchaseCategory.Furniture, PurchaseCategory.Textiles);
        var contact = Address("mobilier");
        var furniture = await app.PublishedAsync(CatalogueSolutions.Content("Chaises réemployées", contact, [PurchaseCategory.Furniture, PurchaseCategory.Catering]));
        var catering = await app.PublishedAsync(CatalogueSolutions.Content("Repas solidaires", Address("repas"), [PurchaseCategory.Catering]));
        var awaiting = await app.AwaitingReviewAsync(CatalogueSolutions.Content("Tables en attente", Address("tables"), [PurchaseCategory.Furniture]));

        var session = await SessionAsync(staff, scheduled.SessionId);
        session.Details.Title.ShouldBe(scheduled.Title);
        session.Details.Categories.ShouldBe([PurchaseCategory.Furniture, PurchaseCategory.Textiles]);
        var proposed = session.Proposals.Select(proposal => proposal.SolutionId).ToList();
        proposed.ShouldContain(furniture);
        proposed.ShouldNotContain(catering);
        proposed.ShouldNotContain(awaiting);
        (await (await staff.GetAsync(Sessions, Cancellation)).ReadAsync<List<MatchmakingSessionSummary>>(HttpStatusCode.OK))
            .ShouldContain(summary => summary.SessionId == scheduled.SessionId);

        var invited = await (await staff.PostAsJsonAsync($"{Sessions}/{scheduled.SessionId}/invitations", new { solutionIds = new[] { furniture } }, Cancellation))
            .ReadAsync<SuppliersInvitedAnswer>(HttpStatusCode.OK);
        invited.InvitationIds.ShouldHaveSingleItem();

        var email = await app.SentEmailToAsync(contact, "Invitation à présenter « Chaises réemployées »");
        email.Text.ShouldContain($"Date : le {MatchmakingLabels.Day(scheduled.StartsAt)}, de 14 h 00 à 16 h 00 (heure de Paris)");
        email.Text.ShouldContain("Modalité : en ligne");
        email.Links.ShouldContain(new Uri("https://visio.example/mise-en-relation"));
        var calendar = email.Attachments.ShouldHaveSingleItem();
        calendar.FileName.ShouldBe("mise-en-relation.ics");
        calendar.Content.ShouldContain($"DTSTART;TZID=Europe/Paris:{scheduled.StartsAt.InParis():yyyyMMdd}T140000");
        calendar.Content.ShouldContain($"UID:{scheduled.SessionId}");
        var link = email.LinkTo("/catalogue/invitation/");

        using var supplier = app.CreateBrowserClient();
        var page = await supplier.GetStringAsync(link, Cancellation);
        page.ShouldContain("Oui, je présenterai");
        page.ShouldContain("Chaises réemployées");
        (await SessionAsync(staff, scheduled.SessionId)).Invitations.Single().Presents.ShouldBeNull(); // opening answers nothing

        var (answered, messages) = await app.TrackedAsync(supplier, client => client.PostAsync(link, Answer(page, presents: true), Cancellation));
        var thanks = await answered.Content.ReadAsStringAsync(Cancellation);
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, thanks);
        thanks.ShouldContain("Merci, votre réponse est enregistrée.");
        var confirmed = Published<MatchmakingConfirmed>(messages).ShouldHaveSingleItem();
        confirmed.SessionId.ShouldBe(scheduled.SessionId);
        confirmed.CohortId.ShouldBe(scheduled.CohortId);
        confirmed.Solutions.ShouldBe([new PresentedSolution(furniture, "Chaises réemployées", "Ateliers du Réemploi", $"/catalogue/{furniture}")]);

        var answer = (await SessionAsync(staff, scheduled.SessionId)).Invitations.ShouldHaveSingleItem();
        answer.Presents.ShouldBe(true);
        (await staff.GetStringAsync($"/catalogue/mise-en-relation/{scheduled.SessionId}", Cancellation)).ShouldContain("Oui, présentera sa solution");

        // The same answer again changes nothing, and tells nobody.
        var (again, quiet) = await app.TrackedAsync(supplier, client => client.PostAsync(link, Answer(page, presents: true), Cancellation));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        Published<MatchmakingConfirmed>(quiet).ShouldBeEmpty();

        // Changing one's mind is told too: nobody presents any more.
        var (changed, told) = await app.TrackedAsync(supplier, client => client.PostAsync(link, Answer(page, presents: false), Cancellation));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        Published<MatchmakingConfirmed>(told).ShouldHaveSingleItem().Solutions.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_cancelled_session_tells_the_invited_who_did_not_decline_once_publishes_an_empty_list_and_closes_the_links()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var scheduled = await KeptAsync(PurchaseCategory.Cleaning);
        var (yes, no, silent) = (Address("oui"), Address("non"), Address("silence"));
        var ids = new List<Guid>();
        foreach (var contact in new[] { yes, no, silent })
        {
            ids.Add(await app.PublishedAsync(CatalogueSolutions.Content($"Nettoyage {contact}", contact, [PurchaseCategory.Cleaning])));
        }

        (await staff.PostAsJsonAsync($"{Sessions}/{scheduled.SessionId}/invitations", new { solutionIds = ids }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var supplier = app.CreateBrowserClient();
        var yesLink = (await app.SentEmailToAsync(yes, "Invitation")).LinkTo("/catalogue/invitation/");
        await AnswerAsync(supplier, yesLink, presents: true);
        await AnswerAsync(supplier, (await app.SentEmailToAsync(no, "Invitation")).LinkTo("/catalogue/invitation/"), presents: false);
        await app.SentEmailToAsync(silent, "Invitation");

        var cancelled = new SessionCancelled(scheduled.CohortId, scheduled.SessionId, "La salle n'est plus disponible.");
        var messages = await PublishAsync(cancelled);

        Published<MatchmakingConfirmed>(messages).ShouldHaveSingleItem().Solutions.ShouldBeEmpty();
        foreach (var told in new[] { yes, silent })
        {
            var email = await app.SentEmailToAsync(told, "Séance annulée");
            email.Text.ShouldContain("Motif : La salle n'est plus disponible.");
            email.Attachments.ShouldHaveSingleItem().Content.ShouldContain("STATUS:CANCELLED");
        }

        (await app.EmailsToAsync(no)).ShouldNotContain(email => email.Subject.StartsWith("Séance annulée", StringComparison.Ordinal));

        // A redelivery tells nobody again and publishes nothing.
        Published<MatchmakingConfirmed>(await PublishAsync(cancelled)).ShouldBeEmpty();
        Published<MatchmakingConfirmed>(await PublishAsync(scheduled with { Title = "Revenue d'entre les annulées" })).ShouldBeEmpty();
        foreach (var told in new[] { yes, silent })
        {
            (await app.EmailsToAsync(told)).Count(email => email.Subject.StartsWith("Séance annulée", StringComparison.Ordinal)).ShouldBe(1);
        }

        var session = await SessionAsync(staff, scheduled.SessionId);
        session.CancellationReason.ShouldBe("La salle n'est plus disponible.");
        session.Details.Title.ShouldBe(scheduled.Title);
        var gone = await supplier.GetAsync(yesLink, Cancellation);
        gone.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await gone.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Ce lien de réponse n&#x27;est plus valable");
    }

    [Fact]
    public async Task A_redelivered_session_keeps_nothing_twice_and_other_kinds_are_not_kept()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var scheduled = await KeptAsync(PurchaseCategory.Events);
        await PublishAsync(scheduled);
        (await EventsOfAsync(scheduled.SessionId)).ShouldBe(1);

        var moved = scheduled with { Venue = "Salle des fêtes, Montreuil", Modality = "Hybrid" };
        await PublishAsync(moved);
        await PublishAsync(moved);
        (await EventsOfAsync(scheduled.SessionId)).ShouldBe(2);
        (await SessionAsync(staff, scheduled.SessionId)).Details.Venue.ShouldBe("Salle des fêtes, Montreuil");

        var workshop = Scheduled([]) with { Kind = "Workshop" };
        await PublishAsync(workshop);
        (await staff.GetAsync($"{Sessions}/{workshop.SessionId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventsOfAsync(workshop.SessionId)).ShouldBe(0);
    }

    [Fact]
    public async Task Refused_invitations_write_nothing()
    {
        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var scheduled = await KeptAsync(PurchaseCategory.GreenSpaces);
        var proposed = await app.PublishedAsync(CatalogueSolutions.Content("Espaces verts", Address("verts"), [PurchaseCategory.GreenSpaces]));
        var otherCategory = await app.PublishedAsync(CatalogueSolutions.Content("Informatique", Address("info"), [PurchaseCategory.ItEquipment]));
        var unpublished = await app.AwaitingReviewAsync(CatalogueSolutions.Content("Haies", Address("haies"), [PurchaseCategory.GreenSpaces]));
        var url = $"{Sessions}/{scheduled.SessionId}/invitations";
        var (events, links) = (await EventsOfAsync(scheduled.SessionId), await LinksAsync());

        (await Refused(staff, url, new { solutionIds = new[] { proposed, Guid.CreateVersion7() } }, HttpStatusCode.NotFound)).Type.ShouldBe("urn:achats:problem:not-found");
        (await Refused(staff, url, new { solutionIds = new[] { otherCategory } }, HttpStatusCode.UnprocessableEntity)).Detail
            .ShouldBe("La solution « Informatique » ne relève d'aucune catégorie d'achat de la séance : elle n'y est pas proposée.");
        (await Refused(staff, url, new { solutionIds = new[] { unpublished } }, HttpStatusCode.UnprocessableEntity)).Detail
            .ShouldBe("Seule une solution publiée au catalogue peut être invitée à une mise en relation.");
        (await Refused(staff, url, new { solutionIds = new[] { proposed, Guid.Empty } }, HttpStatusCode.BadRequest)).Errors!.Values.SelectMany(errors => errors)
            .ShouldContain("Identifiant de solution vide.");
        (await Refused(staff, url, new { solutionIds = Array.Empty<Guid>() }, HttpStatusCode.BadRequest)).Error("solutionIds").ShouldBe("Choisissez au moins une solution à inviter.");
        (await Refused(staff, url, new { solutionIds = new[] { proposed, proposed } }, HttpStatusCode.BadRequest)).Error("solutionIds")
            .ShouldBe("Chaque solution ne peut être choisie qu'une fois.");
        (await staff.PostAsync(url, new StringContent("{\"solutionIds\":[\"\\u0000\"]}", System.Text.Encoding.UTF8, "application/json"), Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Refused(staff, $"{Sessions}/{Guid.CreateVersion7()}/invitations", new { solutionIds = new[] { proposed } }, HttpStatusCode.NotFound)).Detail
            .ShouldBe("Aucune séance de mise en relation ne porte cet identifiant.");

        (await EventsOfAsync(scheduled.SessionId)).ShouldBe(events);
        (await LinksAsync()).ShouldBe(links);
        (await app.EmailsToAsync(Address("verts"))).ShouldBeEmpty();

        // Invited once, the same solution again is a conflict, and still nothing is written.
        (await staff.PostAsJsonAsync(url, new { solutionIds = new[] { proposed } }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Refused(staff, url, new { solutionIds = new[] { proposed } }, HttpStatusCode.Conflict)).Detail.ShouldBe("La solution « Espaces verts » est déjà invitée à cette séance.");
        (await EventsOfAsync(scheduled.SessionId)).ShouldBe(events + 1);
        (await LinksAsync()).ShouldBe(links + 1);
    }

    [Fact]
    public async Task An_unknown_link_and_a_link_after_the_start_open_a_french_410_page_and_record_nothing()
    {
        using var supplier = app.CreateBrowserClient();
        var unknown = await supplier.GetAsync("/catalogue/invitation/inconnu", Cancellation);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await unknown.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Lien de réponse plus valable");

        var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var soon = Scheduled([PurchaseCategory.VehiclesAndMobility], startsIn: TimeSpan.FromHours(3));
        await PublishAsync(soon);
        var contact = Address("velos");
        var solution = await app.PublishedAsync(CatalogueSolutions.Content("Vélos-cargos", contact, [PurchaseCategory.VehiclesAndMobility]));
        (await staff.PostAsJsonAsync($"{Sessions}/{soon.SessionId}/invitations", new { solutionIds = new[] { solution } }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = (await app.SentEmailToAsync(contact, "Invitation")).LinkTo("/catalogue/invitation/");
        var page = await supplier.GetStringAsync(link, Cancellation);

        app.Clock.Advance(TimeSpan.FromHours(4));
        var late = await supplier.PostAsync(link, Answer(page, presents: true), Cancellation);

        late.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await late.Content.ReadAsStringAsync(Cancellation)).ShouldContain("la séance a commencé");
        (await SessionAsync(staff, soon.SessionId)).Invitations.Single().Presents.ShouldBeNull();
        (await supplier.GetAsync(link, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await staff.PostAsJsonAsync($"{Sessions}/{soon.SessionId}/invitations", new { solutionIds = new[] { solution } }, Cancellation)).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
    }

    /// <summary>A matchmaking session ten days ahead, 14:00 to 16:00 Paris time, heard from Cohorts.</summary>
    private async Task<SessionScheduled> KeptAsync(params PurchaseCategory[] categories)
    {
        var scheduled = Scheduled(categories);
        await PublishAsync(scheduled);
        return scheduled;
    }

    private SessionScheduled Scheduled(IReadOnlyList<PurchaseCategory> categories, TimeSpan? startsIn = null)
    {
        var startsAt = startsIn is { } delay
            ? app.Clock.GetUtcNow() + delay
            : ParisTime.FromParis(app.Clock.GetUtcNow().AddDays(10).ParisDate().ToDateTime(new TimeOnly(14, 0)))!.Value;
        return new SessionScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), $"Rencontre fournisseurs {Guid.CreateVersion7():N}"[..32], "Matchmaking",
            startsAt, startsAt.AddHours(2), "Online", "https://visio.example/mise-en-relation", null, null, categories);
    }

    private async Task<ITrackedSession> PublishAsync(object message) =>
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(message).AsTask()));

    private async Task AnswerAsync(HttpClient supplier, string link, bool presents)
    {
        var page = await supplier.GetStringAsync(link, Cancellation);
        var (answered, _) = await app.TrackedAsync(supplier, client => client.PostAsync(link, Answer(page, presents), Cancellation));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync(Cancellation));
    }

    private static FormUrlEncodedContent Answer(string page, bool presents) => new(
    [
        new("__RequestVerificationToken", AntiforgeryToken().Match(page).Groups[1].Value),
        new("_handler", "answer"),
        new("Presents", presents ? "true" : "false"),
    ]);

    private static async Task<MatchmakingSessionView> SessionAsync(HttpClient staff, Guid sessionId) =>
        await (await staff.GetAsync($"{Sessions}/{sessionId}", Cancellation)).ReadAsync<MatchmakingSessionView>(HttpStatusCode.OK);

    private static async Task<Problem> Refused(HttpClient staff, string url, object body, HttpStatusCode status) =>
        await (await staff.PostAsJsonAsync(url, body, Cancellation)).ReadAsync<Problem>(status);

    private async Task<int> EventsOfAsync(Guid sessionId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(MatchmakingSession.StreamIdOf(sessionId), token: Cancellation)).Count;
    }

    private async Task<int> LinksAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<InvitationLink>().CountAsync(Cancellation);
    }

    private static string Address(string name) => $"{name}.{Guid.CreateVersion7():N}@fournisseur.example.org";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
