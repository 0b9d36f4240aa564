using System.Net;
using System.Net.Http.Json;
using Achats.Catalogue.Review;
using Achats.Catalogue.Solutions;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Catalogue.ReviewDriver;

namespace Achats.Host.Tests.Catalogue;

/// <summary>Staff decisions on a solution through the API, on real PostgreSQL: their events, their emails and their refusals.</summary>
public sealed class ReviewDecisionsTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly ReviewDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_puts_the_version_in_the_catalogue_and_emails_its_public_page_and_an_edit_link()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Mobilier réemployé");
        var solutionId = await app.AwaitingReviewAsync(content);

        var changed = await (await _driver.DecideAsync(staff, solutionId, "publication", new { version = 1 })).ReadAsync<SolutionChanged>(HttpStatusCode.OK);

        changed.ShouldBe(new SolutionChanged(solutionId, 2));
        var solution = await _driver.SolutionAsync(staff, solutionId);
        solution.Status.ShouldBe(SolutionStatus.Published);
        solution.IsPublished.ShouldBeTrue();
        var email = await app.LatestEmailToAsync(content.Contact.Email, "est publiée dans le catalogue");
        email.Subject.ShouldContain(content.Solution.Title);
        email.LinkTo($"/catalogue/{solutionId}").ShouldBe($"/catalogue/{solutionId}");
        await ShouldOpenTheEditPageOfAsync(email.LinkTo("/catalogue/modifier/"), solutionId);
    }

    [Fact]
    public async Task Asking_for_changes_emails_the_message_with_a_new_edit_link_and_keeps_the_published_version_online()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Collecte de biodéchets");
        var solutionId = await _driver.PublishedAsync(staff, content);
        await _driver.ReviseAsync(solutionId, content with { Solution = content.Solution with { Summary = "Un résumé plus long." } });

        var asked = await _driver.DecideAsync(staff, solutionId, "changes-request", new { version = 3, message = "Précisez les communes desservies." });

        (await asked.ReadAsync<SolutionChanged>(HttpStatusCode.OK)).Version.ShouldBe(4);
        var solution = await _driver.SolutionAsync(staff, solutionId);
        solution.Status.ShouldBe(SolutionStatus.ChangesRequested);
        solution.IsPublished.ShouldBeTrue(); // the approved version stays online
        solution.ChangesMessage.ShouldBe("Précisez les communes desservies.");
        var email = await app.LatestEmailToAsync(content.Contact.Email, "Des modifications sont demandées");
        email.Text.ShouldContain("Précisez les communes desservies.");
        email.Text.ShouldContain("la version déjà publiée reste en ligne");
        await ShouldOpenTheEditPageOfAsync(email.LinkTo("/catalogue/modifier/"), solutionId);
        (await app.EmailsToAsync(content.Contact.Email)).Count.ShouldBe(2); // published, then asked for changes
    }

    [Fact]
    public async Task Refusing_emails_the_reason_and_takes_the_solution_out_of_the_queue()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Prestation hors champ");
        var solutionId = await app.AwaitingReviewAsync(content);

        var refused = await _driver.DecideAsync(staff, solutionId, "refusal", new { version = 1, reason = "Cette offre ne relève pas de l'économie circulaire." });

        (await refused.ReadAsync<SolutionChanged>(HttpStatusCode.OK)).Version.ShouldBe(2);
        (await _driver.SolutionAsync(staff, solutionId)).Status.ShouldBe(SolutionStatus.Refused);
        var email = await app.LatestEmailToAsync(content.Contact.Email, "n'est pas retenue");
        email.Text.ShouldContain("Cette offre ne relève pas de l'économie circulaire.");
        email.Links.ShouldAllBe(link => !link.AbsolutePath.StartsWith("/catalogue/modifier/"));
        var queue = await (await staff.GetAsync(Review, Cancellation)).ReadAsync<ReviewQueue>(HttpStatusCode.OK);
        queue.Solutions.ShouldNotContain(row => row.Id == solutionId);
    }

    [Fact]
    public async Task Unpublishing_takes_a_published_solution_out_of_the_catalogue_and_emails_the_reason()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Reconditionnement informatique");
        var solutionId = await _driver.PublishedAsync(staff, content);

        var unpublished = await _driver.DecideAsync(staff, solutionId, "unpublication", new { version = 2, reason = "Le fournisseur a cessé son activité." });

        (await unpublished.ReadAsync<SolutionChanged>(HttpStatusCode.OK)).Version.ShouldBe(3);
        var solution = await _driver.SolutionAsync(staff, solutionId);
        solution.Status.ShouldBe(SolutionStatus.Unpublished);
        solution.IsPublished.ShouldBeFalse();
        solution.Reason.ShouldBe("Le fournisseur a cessé son activité.");
        (await app.LatestEmailToAsync(content.Contact.Email, "est retirée du catalogue")).Text.ShouldContain("Le fournisseur a cessé son activité.");
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_is_a_409_and_writes_and_sends_nothing()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Traiteur solidaire");
        var solutionId = await app.AwaitingReviewAsync(content);
        await _driver.DecideAsync(staff, solutionId, "changes-request", new { version = 1, message = "Ajoutez vos labels." });
        await _driver.ReviseAsync(solutionId, content);
        var emails = (await app.EmailsToAsync(content.Contact.Email)).Count;

        var stale = await _driver.DecideAsync(staff, solutionId, "publication", new { version = 1 });

        (await stale.ReadAsync<Problem>(HttpStatusCode.Conflict)).Detail.ShouldNotBeNullOrWhiteSpace();
        (await _driver.EventsAsync(solutionId)).ShouldBe(3);
        (await app.EmailsToAsync(content.Contact.Email)).Count.ShouldBe(emails);
    }

    [Fact]
    public async Task A_decision_the_step_does_not_allow_is_a_422_in_French_and_writes_nothing()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var published = await _driver.PublishedAsync(staff, Content("Bureaux reconditionnés"));
        var awaiting = await app.AwaitingReviewAsync(Content("Nettoyage écologique"));

        var refused = await _driver.DecideAsync(staff, published, "refusal", new { version = 2, reason = "Non." });
        var unpublished = await _driver.DecideAsync(staff, awaiting, "unpublication", new { version = 1, reason = "Non." });
        var republished = await _driver.DecideAsync(staff, published, "publication", new { version = 2 });

        (await refused.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail!.ShouldContain("retirez-la du catalogue plutôt que de la refuser");
        (await unpublished.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail!.ShouldContain("Seule une solution publiée peut être retirée du catalogue");
        (await republished.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail!.ShouldContain("« Publiée »");
        (await _driver.EventsAsync(published)).ShouldBe(2);
        (await _driver.EventsAsync(awaiting)).ShouldBe(1);
    }

    [Fact]
    public async Task A_message_or_reason_missing_is_a_field_error_in_French_and_writes_nothing()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var solutionId = await app.AwaitingReviewAsync(Content("Papeterie recyclée"));

        var noMessage = await _driver.DecideAsync(staff, solutionId, "changes-request", new { version = 1, message = " " });
        var noVersion = await _driver.DecideAsync(staff, solutionId, "refusal", new { reason = "Hors champ." });
        var unknownId = Guid.CreateVersion7();
        var unknown = await _driver.DecideAsync(staff, unknownId, "publication", new { version = 1 });

        (await noMessage.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("message").ShouldContain("Dites ce qu'il faut modifier");
        (await noVersion.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("version").ShouldContain("version de la solution");
        (await unknown.ReadAsync<Problem>(HttpStatusCode.NotFound)).Detail.ShouldBe($"Aucun élément n'a l'identifiant {unknownId}.");
        (await _driver.EventsAsync(solutionId)).ShouldBe(1);
    }

    [Fact]
    public async Task An_auditor_reads_the_queue_and_a_solution_but_may_not_decide()
    {
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var solutionId = await app.AwaitingReviewAsync(Content("Textiles de seconde main"));

        (await auditor.GetAsync(Review, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.SolutionAsync(auditor, solutionId)).Status.ShouldBe(SolutionStatus.AwaitingReview);
        var decided = await auditor.PostAsJsonAsync($"{Review}/{solutionId}/publication", new { version = 1 }, Cancellation);

        decided.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _driver.EventsAsync(solutionId)).ShouldBe(1);
    }

    [Fact]
    public async Task The_timeline_tells_each_step_in_French_with_the_staff_members_name_and_the_suppliers_address()
    {
        using var alice = await _driver.StaffNamedAsync("Alice Lefèvre");
        var content = Content("Entretien des espaces verts");
        var solutionId = await app.AwaitingReviewAsync(content);
        await _driver.DecideAsync(alice, solutionId, "changes-request", new { version = 1, message = "Ajoutez une référence publique." });
        await _driver.ReviseAsync(solutionId, content);
        await _driver.DecideAsync(alice, solutionId, "publication", new { version = 3 });

        var timeline = (await _driver.SolutionAsync(alice, solutionId)).Timeline;

        timeline.Select(entry => entry.What).ShouldBe([
            "Solution proposée au catalogue (adresse du contact confirmée)",
            "Modifications demandées au fournisseur",
            "Nouvelle version envoyée par le fournisseur",
            "Version approuvée et publiée dans le catalogue",
        ]);
        timeline[0].Actor.ShouldBe($"{content.Contact.Email} (fournisseur)");
        timeline[1].Actor.ShouldStartWith("Alice Lefèvre (");
        timeline[1].Why.ShouldBe("Ajoutez une référence publique.");
        timeline[3].Actor.ShouldStartWith("Alice Lefèvre (");
        timeline[3].When.ShouldMatch(@"^\d{2}/\d{2}/\d{4} à \d{2}:\d{2}$");
    }

    [Fact]
    public async Task The_queue_lists_what_awaits_review_oldest_sent_first_with_the_count_at_each_step()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var older = await app.AwaitingReviewAsync(Content("Premier envoi"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await app.AwaitingReviewAsync(Content("Second envoi"));
        var published = await _driver.PublishedAsync(staff, Content("Déjà publiée"));

        var queue = await (await staff.GetAsync(Review, Cancellation)).ReadAsync<ReviewQueue>(HttpStatusCode.OK);
        var online = await (await staff.GetAsync($"{Review}?status=Published", Cancellation)).ReadAsync<ReviewQueue>(HttpStatusCode.OK);

        queue.Status.ShouldBe(SolutionStatus.AwaitingReview);
        var ids = queue.Solutions.Select(row => row.Id).ToList();
        ids.IndexOf(older).ShouldBeLessThan(ids.IndexOf(newer));
        ids.ShouldNotContain(published);
        queue.Counts[SolutionStatus.AwaitingReview].ShouldBe(queue.Solutions.Count);
        queue.Solutions.First(row => row.Id == older).StatusText.ShouldBe("À relire");
        online.Solutions.Select(row => row.Id).ShouldContain(published);
        online.Solutions.ShouldAllBe(row => row.Status == SolutionStatus.Published);
    }

    [Fact]
    public async Task A_solution_with_an_edit_waiting_shows_the_published_version_and_the_fields_the_edit_changes()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var content = Content("Mobilier de réemploi");
        var solutionId = await _driver.PublishedAsync(staff, content);
        var unchanged = await _driver.SolutionAsync(staff, solutionId);
        await _driver.ReviseAsync(solutionId, content with { Solution = content.Solution with { Title = content.Solution.Title + " et sur mesure" } });

        var solution = await _driver.SolutionAsync(staff, solutionId);

        unchanged.Published.ShouldBeNull(); // the same as the draft
        solution.StatusText.ShouldBe("Modification à relire (la version publiée reste en ligne)");
        solution.Published!.Solution.Title.ShouldBe(content.Solution.Title);
        solution.ChangedFields.ShouldBe(["Titre"]);
    }

    private async Task ShouldOpenTheEditPageOfAsync(string path, Guid solutionId)
    {
        var token = path["/catalogue/modifier/".Length..];
        var link = await _driver.LinkAsync(token);
        link.ShouldNotBeNull();
        link.SolutionId.ShouldBe(solutionId);
        link.ExpiresAt.ShouldBe(app.Clock.GetUtcNow() + TimeSpan.FromDays(30), TimeSpan.FromMinutes(5));
    }
}
