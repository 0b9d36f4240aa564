using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Achats.Catalogue.Contracts;
using Achats.Community.Resources;
using Achats.Host.Tests.Cohorts;
using Achats.Testing;
using Achats.Shared.Access;
using Marten;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>A space under way with a workshop still to come, a week after the start: Accueil shows it as a next session.</summary>
public sealed class SpaceWithNextSession(PostgresServer postgres) : SpaceUnderWay(postgres)
{
    public Guid NextWorkshop { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var day = StartsOn.AddDays(7).ToDateTime(TimeOnly.MinValue);
        var (scheduled, _) = await PostTrackedAsync(Staff, $"{Cohort}/sessions",
            CohortDriver.Session(SequenceId, "Atelier de suivi des projets", "Workshop", day.AddHours(14), day.AddHours(16)));
        NextWorkshop = (await scheduled.ReadAsync<CohortChangeAnswer>(HttpStatusCode.Created)).CreatedId!.Value;
    }
}

/// <summary>The Ressources of a space under way: documents and links staff attach to a session, downloads, the solutions presented.</summary>
public sealed class ResourcesTests(SpaceWithNextSession app) : IClassFixture<SpaceWithNextSession>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Resources => $"{app.Space}/resources";

    [Fact]
    public async Task Staff_attach_a_PDF_and_a_link_to_the_plenary_and_a_member_lists_and_downloads_the_file()
    {
        var document = await (await UploadAsync(app.Staff, app.Plenary, "Diaporama de lancement", "lancement.pdf", Pdf))
            .ReadAsync<ResourceAttached>(HttpStatusCode.Created);
        using var link = await app.Staff.PostAsJsonAsync($"{Resources}/links",
            new { sessionId = app.Plenary, title = "Enregistrement de la séance", url = "https://video.example.org/lancement" }, Cancellation);
        link.StatusCode.ShouldBe(HttpStatusCode.Created, await link.Content.ReadAsStringAsync(Cancellation));

        var listed = (await app.CamilleClient.GetFromJsonAsync<SpaceResources>(Resources, Cancellation))!.Sessions.Single(session => session.SessionId == app.Plenary);
        listed.Resources.ShouldContain(resource => resource.Title == "Diaporama de lancement" && resource.FileName == "lancement.pdf" && resource.ContentType == "application/pdf");
        listed.Resources.ShouldContain(resource => resource.Url == "https://video.example.org/lancement");

        using var download = await app.CamilleClient.GetAsync($"{app.Page}/ressources/{document.ResourceId}", Cancellation);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Cancellation)).ShouldBe(Pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("lancement.pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        using var page = await app.CamilleClient.GetAsync($"{app.Page}/ressources", Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        html.ShouldContain("Diaporama de lancement");
        html.ShouldContain("target=\"_blank\" rel=\"noopener noreferrer\"");
    }

    [Theory]
    [InlineData("outil.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "n'est pas accepté")]
    [InlineData("notes.pdf", new byte[] { 0x42, 0x6F, 0x6E, 0x6A, 0x6F, 0x75, 0x72 }, "n'est pas accepté")]
    [InlineData("photo.pdf", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "ne correspond pas à l'extension")]
    public async Task A_file_of_another_type_than_its_content_allows_is_refused_in_French_and_nothing_is_written(string fileName, byte[] content, string reason)
    {
        var before = await WrittenAsync();

        using var refused = await UploadAsync(app.Staff, app.Plenary, "Pièce jointe", fileName, content);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain(reason);
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_file_beyond_the_size_limit_is_refused_in_French_and_nothing_is_written()
    {
        var before = await WrittenAsync();
        var tooBig = new byte[(ResourceFiles.DefaultMaxMegabytes * 1024 * 1024) + 1];
        Pdf.CopyTo(tooBig, 0);

        using var refused = await UploadAsync(app.Staff, app.Plenary, "Rapport complet", "rapport.pdf", tooBig);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("dépasse la taille autorisée de 20 Mo");
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_participant_of_another_cohort_cannot_download_and_neither_an_auditor_nor_a_member_can_upload()
    {
        var document = await (await UploadAsync(app.Staff, app.Plenary, "Compte rendu", "compte-rendu.pdf", Pdf)).ReadAsync<ResourceAttached>(HttpStatusCode.Created);
        using var stranger = await app.ParticipantAsync($"inconnu.{Guid.CreateVersion7():N}@ville.test");
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var before = await WrittenAsync();

        (await stranger.GetAsync($"{app.Page}/ressources/{document.ResourceId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var byAuditor = await UploadAsync(auditor, app.Plenary, "Audit", "audit.pdf", Pdf);
        byAuditor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await byAuditor.Content.ReadAsStringAsync(Cancellation)).ShouldContain("sans y écrire");
        (await UploadAsync(app.CamilleClient, app.Plenary, "Mon document", "moi.pdf", Pdf)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WrittenAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Staff_remove_a_document_and_its_bytes_go_with_it()
    {
        var document = await (await UploadAsync(app.Staff, app.Plenary, "Version provisoire", "provisoire.pdf", Pdf)).ReadAsync<ResourceAttached>(HttpStatusCode.Created);

        (await app.Staff.DeleteAsync($"{Resources}/{document.ResourceId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await app.CamilleClient.GetAsync($"{Resources}/{document.ResourceId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var session = app.Store.QuerySession();
        (await ResourceFiles.ReadAsync(session, document.ResourceId, Cancellation)).ShouldBeNull();
        (await app.Staff.DeleteAsync($"{Resources}/{document.ResourceId}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_solutions_confirmed_for_a_matchmaking_session_are_listed_with_it_until_an_empty_list_removes_them()
    {
        var matchmaking = (await app.SpaceAsync()).Sessions.Single(session => session.Kind == "Matchmaking").SessionId;
        var confirmed = new MatchmakingConfirmed(app.CohortId, matchmaking,
            [new PresentedSolution(Guid.CreateVersion7(), "Vaisselle consignée", "Réemploi Solidaire", "/catalogue/vaisselle-consignee")]);

        await PublishAsync(confirmed);
        var version = await StreamVersionAsync(matchmaking);
        await PublishAsync(confirmed);

        (await StreamVersionAsync(matchmaking)).ShouldBe(version, "a redelivery keeps nothing new");
        var listed = await SolutionsAsync(matchmaking);
        listed.ShouldHaveSingleItem().SupplierName.ShouldBe("Réemploi Solidaire");
        (await app.CamilleClient.GetStringAsync($"{app.Page}/ressources", Cancellation)).ShouldContain("href=\"/catalogue/vaisselle-consignee\"");

        await PublishAsync(confirmed with { Solutions = [] });

        (await SolutionsAsync(matchmaking)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_announcement_posted_by_staff_shows_on_Accueil_for_a_member_newest_first()
    {
        using var first = await app.Staff.PostAsJsonAsync($"{app.Space}/announcements",
            new { title = "Bienvenue dans l'espace", text = "Présentez-vous dans **Discussions**." }, Cancellation);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Cancellation));
        using var second = await app.Staff.PostAsJsonAsync($"{app.Space}/announcements",
            new { title = "Salle changée", text = "La plénière aura lieu salle B." }, Cancellation);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);

        var home = await app.CamilleClient.GetStringAsync(app.Page, Cancellation);

        home.ShouldContain("<strong>Discussions</strong>");
        home.IndexOf("Salle changée", StringComparison.Ordinal).ShouldBeLessThan(home.IndexOf("Bienvenue dans l&#x27;espace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_announcement_is_edited_at_the_version_read_and_a_stale_version_is_a_conflict_and_a_withdrawal_hides_it()
    {
        var posted = await (await app.Staff.PostAsJsonAsync($"{app.Space}/announcements", new { title = "Horaires", text = "9 h 30." }, Cancellation))
            .ReadAsync<Achats.Community.Announcements.AnnouncementAnswer>(HttpStatusCode.Created);
        var url = $"{app.Space}/announcements/{posted.AnnouncementId}";

        (await app.Staff.PutAsJsonAsync(url, new { title = "Horaires", text = "10 h.", version = posted.Version }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Staff.PutAsJsonAsync(url, new { title = "Horaires", text = "11 h.", version = posted.Version }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.CamilleClient.PutAsJsonAsync(url, new { title = "Horaires", text = "Jamais.", version = 2 }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Staff.DeleteAsync(url, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await app.CamilleClient.GetStringAsync($"{app.Space}/announcements", Cancellation)).ShouldNotContain(posted.AnnouncementId.ToString());
    }

    [Fact]
    public async Task The_edit_page_of_an_announcement_opens_to_staff_and_is_refused_to_a_member()
    {
        var posted = await (await app.Staff.PostAsJsonAsync($"{app.Space}/announcements", new { title = "Covoiturage", text = "Un fil est ouvert." }, Cancellation))
            .ReadAsync<Achats.Community.Announcements.AnnouncementAnswer>(HttpStatusCode.Created);
        var edit = $"{app.Page}/annonces/{posted.AnnouncementId}";

        using var forStaff = await app.Staff.GetAsync(edit, Cancellation);
        forStaff.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await forStaff.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Un fil est ouvert.");
        (await app.CamilleClient.GetAsync(edit, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task What_to_prepare_for_a_session_shows_under_it_on_Accueil()
    {
        using var written = await app.Staff.PutAsJsonAsync($"{Resources}/sessions/{app.NextWorkshop}/preparation",
            new { text = "Apportez *un exemple d'achat récent* de votre structure." }, Cancellation);
        written.StatusCode.ShouldBe(HttpStatusCode.NoContent, await written.Content.ReadAsStringAsync(Cancellation));

        var home = await app.CamilleClient.GetStringAsync(app.Page, Cancellation);

        home.ShouldContain("Atelier de suivi des projets");
        home.ShouldContain("À préparer");
        home.ShouldContain("<em>un exemple d");
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid sessionId, string title, string fileName, byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(sessionId.ToString()), "sessionId" },
            { new StringContent(title), "title" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync($"{Resources}/documents", form, Cancellation);
    }

    /// <summary>Every event of the store and every file kept: a refused upload changes neither.</summary>
    private async Task<(long Events, int Files)> WrittenAsync()
    {
        await using var session = app.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().CountAsync(Cancellation);
        var files = (await session.AdvancedSql.QueryAsync<int>("select count(*)::int from community.resource_files", Cancellation)).Single();
        return (events, files);
    }

    private Task<ITrackedSession> PublishAsync(MatchmakingConfirmed confirmed) =>
        app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(confirmed).AsTask()));

    private async Task<int> StreamVersionAsync(Guid sessionId)
    {
        await using var session = app.Store.QuerySession();
        return (await session.LoadAsync<SessionResources>(SessionResources.IdOf(sessionId), Cancellation))!.Version;
    }

    private async Task<IReadOnlyList<PresentedSolution>> SolutionsAsync(Guid sessionId) =>
        (await app.CamilleClient.GetFromJsonAsync<SpaceResources>(Resources, Cancellation))!.Sessions.Single(session => session.SessionId == sessionId).Solutions;
}
