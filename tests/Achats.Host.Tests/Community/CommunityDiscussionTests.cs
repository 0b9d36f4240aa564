using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Community.Discussions;
using Achats.Shared.Access;
using Achats.Testing;
using Marten;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>
/// A space under way (<see cref="SpaceUnderWay"/>) with the working group's channel of Camille and Dominique (a pair,
/// in the same group) known; each test starts its own threads, so that none reads what another changes.
/// </summary>
public class DiscussionsUnderWay(PostgresServer postgres) : SpaceUnderWay(postgres)
{
    public Guid GroupChannel { get; private set; }

    public string Discussions => $"{Space}/discussions";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        GroupChannel = (await SpaceAsync()).GroupsOf(Camille).First().GroupId;
    }

    public async Task<ThreadChanged> StartAsync(HttpClient client, Guid channel, string subject, string text)
    {
        using var started = await client.PostAsJsonAsync(Discussions, new { channelId = channel, subject, text }, Cancellation);
        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync(Cancellation));
        return (await started.Content.ReadFromJsonAsync<ThreadChanged>(Cancellation))!;
    }

    public async Task<ThreadChanged> ReplyAsync(HttpClient client, Guid threadId, string text)
    {
        using var replied = await client.PostAsJsonAsync($"{Discussions}/{threadId}/replies", new { text }, Cancellation);
        replied.StatusCode.ShouldBe(HttpStatusCode.OK, await replied.Content.ReadAsStringAsync(Cancellation));
        return (await replied.Content.ReadFromJsonAsync<ThreadChanged>(Cancellation))!;
    }

    public async Task<ThreadView> ThreadAsync(HttpClient client, Guid threadId) =>
        (await client.GetFromJsonAsync<ThreadView>($"{Discussions}/{threadId}", Cancellation))!;

    /// <summary>Every event of every stream: a refused request adds none.</summary>
    public async Task<long> EventCountAsync()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync(Cancellation);
    }
}

/// <summary>The discussions of a space: members post and reply, edit their own, report; staff hide; the door and the rules refuse the rest.</summary>
public sealed class CommunityDiscussionTests(DiscussionsUnderWay app) : IClassFixture<DiscussionsUnderWay>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Camille_starts_a_thread_in_her_working_groups_channel_and_Dominique_replies_mentioning_her()
    {
        var started = await app.StartAsync(app.CamilleClient, app.GroupChannel, "Clauses d'insertion", "Qui a déjà rédigé une clause **d'insertion** ?");
        await app.ReplyAsync(app.DominiqueClient, started.ThreadId, "Oui, je vous envoie la nôtre, @camille " + (await app.SpaceAsync()).Member(app.Camille)!.LastName.ToUpperInvariant());

        var list = (await app.DominiqueClient.GetFromJsonAsync<DiscussionsView>($"{app.Discussions}?channel={app.GroupChannel}", Cancellation))!;
        list.Channels[0].ChannelId.ShouldBe(Channels.General(app.CohortId));
        list.Channels[1].ShouldBe(list.Channel with { IsMine = true });
        list.Threads.ShouldContain(thread => thread.ThreadId == started.ThreadId && thread.Replies == 1);
        var thread = await app.ThreadAsync(app.DominiqueClient, started.ThreadId);
        thread.Posts.Count.ShouldBe(2);
        thread.Posts[1].Mentions.ShouldBe([(await app.SpaceAsync()).Member(app.Camille)!.Name]);

        using var page = await app.CamilleClient.GetAsync($"{app.Page}/discussions/{started.ThreadId}", Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<strong>d'insertion</strong>", Case.Sensitive, "rendered Markdown");
        html.ShouldContain("class=\"mention\"");
        using var channelPage = await app.CamilleClient.GetAsync($"{app.Page}/discussions?canal={app.GroupChannel}", Cancellation);
        (await channelPage.Content.ReadAsStringAsync(Cancellation)).ShouldContain("votre groupe");
    }

    [Fact]
    public async Task Camille_edits_her_post_and_Dominique_cannot_edit_it()
    {
        var started = await app.StartAsync(app.CamilleClient, Channels.General(app.CohortId), "Calendrier", "Première version");
        var post = $"{app.Discussions}/{started.ThreadId}/posts/{started.PostId}";

        (await app.CamilleClient.PutAsJsonAsync(post, new { text = "Version corrigée" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await app.EventCountAsync();
        using var refused = await app.DominiqueClient.PutAsJsonAsync(post, new { text = "Je réécris" }, Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(Cancellation)).ShouldContain("auteur");
        (await app.EventCountAsync()).ShouldBe(before);
        var thread = await app.ThreadAsync(app.CamilleClient, started.ThreadId);
        thread.Posts[0].Text.ShouldBe("Version corrigée");
        thread.Posts[0].EditedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Claude_reports_a_post_once_and_staff_hide_it_with_a_reason_members_read_in_its_place()
    {
        var started = await app.StartAsync(app.DominiqueClient, Channels.General(app.CohortId), "Hors sujet", "Un message à masquer");
        var post = $"{app.Discussions}/{started.ThreadId}/posts/{started.PostId}";

        (await app.ClaudeClient.PostAsJsonAsync($"{post}/reports", new { reason = "Publicité" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ClaudeClient.PostAsJsonAsync($"{post}/reports", new { reason = "Encore" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var seen = await app.ThreadAsync(app.Staff, started.ThreadId);
        seen.Posts[0].Reports.ShouldBe(["Publicité"]);
        (await app.CamilleClient.PostAsJsonAsync($"{post}/hiding", new { version = seen.Version, reason = "Je modère" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Staff.PostAsJsonAsync($"{post}/hiding", new { version = seen.Version - 1, reason = "Trop tard" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Staff.PostAsJsonAsync($"{post}/hiding", new { version = seen.Version, reason = "Publicité pour un fournisseur" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var members = (await app.ThreadAsync(app.CamilleClient, started.ThreadId)).Posts[0];
        members.Text.ShouldBeNull();
        members.HiddenBecause.ShouldBe("Publicité pour un fournisseur");
        var staff = (await app.ThreadAsync(app.Staff, started.ThreadId)).Posts[0];
        staff.Text.ShouldBe("Un message à masquer");
        staff.IsHidden.ShouldBeTrue();
        var page = await app.CamilleClient.GetStringAsync($"{app.Page}/discussions/{started.ThreadId}", Cancellation);
        page.ShouldContain("Publicité pour un fournisseur");
        page.ShouldNotContain("Un message à masquer");
        (await app.Staff.GetStringAsync($"{app.Page}/discussions/{started.ThreadId}", Cancellation)).ShouldContain("Un message à masquer");
    }

    [Fact]
    public async Task An_auditor_reads_but_cannot_post_and_writes_nothing()
    {
        var started = await app.StartAsync(app.Staff, Channels.General(app.CohortId), "Bienvenue", "Bienvenue dans l'espace de l'édition.");
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var before = await app.EventCountAsync();

        using var refused = await auditor.PostAsJsonAsync($"{app.Discussions}/{started.ThreadId}/replies", new { text = "Bonjour" }, Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.EventCountAsync()).ShouldBe(before);
        var thread = await app.ThreadAsync(auditor, started.ThreadId);
        thread.Posts[0].Author.Name.ShouldBe("Équipe du programme");
        thread.MayWrite.ShouldBeFalse();
    }

    [Fact]
    public async Task A_stranger_cannot_read_the_discussions()
    {
        using var stranger = await app.ParticipantAsync($"inconnu.{Guid.CreateVersion7():N}@ville.test");

        (await stranger.GetAsync(app.Discussions, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await stranger.GetAsync($"{app.Page}/discussions", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_posts_are_refused_in_French_and_write_nothing()
    {
        var before = await app.EventCountAsync();

        using var nul = await app.CamilleClient.PostAsJsonAsync(app.Discussions, new { channelId = Channels.General(app.CohortId), subject = "Sujet", text = "a\u0000b" }, Cancellation);
        using var tooLong = await app.CamilleClient.PostAsJsonAsync(app.Discussions, new { channelId = Channels.General(app.CohortId), subject = new string('s', 151), text = "Bonjour" }, Cancellation);
        using var unknownChannel = await app.CamilleClient.PostAsJsonAsync(app.Discussions, new { channelId = Guid.CreateVersion7(), subject = "Sujet", text = "Bonjour" }, Cancellation);
        using var unknownThread = await app.CamilleClient.PostAsJsonAsync($"{app.Discussions}/{Guid.CreateVersion7()}/replies", new { text = "Bonjour" }, Cancellation);

        nul.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nul.Content.ReadAsStringAsync(Cancellation)).ShouldContain("caractère invisible");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync(Cancellation)).ShouldContain("150 caractères");
        unknownChannel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownThread.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_member_starts_and_answers_a_thread_through_the_pages()
    {
        var channelPage = $"{app.Page}/discussions?canal={app.GroupChannel}";

        using var started = await PostFormAsync(app.DominiqueClient, channelPage, "discussion",
            ("channel", app.GroupChannel.ToString()), ("subject", "Sourcing local"), ("text", "Des pistes de fournisseurs ?"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var threadPage = started.Headers.Location!.OriginalString.Split('?')[0];
        using var replied = await PostFormAsync(app.DominiqueClient, threadPage, "reponse", ("text", "Voir la chambre de commerce."));
        replied.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var html = await app.DominiqueClient.GetStringAsync(threadPage, Cancellation);
        html.ShouldContain("Des pistes de fournisseurs ?");
        html.ShouldContain("Voir la chambre de commerce.");
        using var empty = await PostFormAsync(app.DominiqueClient, threadPage, "reponse", ("text", " "));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Écrivez votre message.");
    }

    /// <summary>The form <paramref name="handler"/> of <paramref name="page"/> posted as a browser would, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page, Cancellation);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"").Groups[1].Value;
        return await client.PostAsync(page, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("_handler", handler),
            .. fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)),
        ]), Cancellation);
    }
}
