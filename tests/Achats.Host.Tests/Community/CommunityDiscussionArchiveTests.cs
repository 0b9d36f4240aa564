using System.Net;
using System.Net.Http.Json;
using Achats.Community.Discussions;
using Achats.Testing;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>
/// The discussions once people leave and the edition ends: Claude started a thread and Camille replied, then Claude was
/// withdrawn in Enrolment, then staff closed the cohort.
/// </summary>
public sealed class DiscussionsClosed(PostgresServer postgres) : DiscussionsUnderWay(postgres)
{
    public ThreadChanged ClaudesThread { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        ClaudesThread = await StartAsync(ClaudeClient, Channels.General(CohortId), "Retour d'expérience", "Notre marché de nettoyage, en bref.");
        await ReplyAsync(CamilleClient, ClaudesThread.ThreadId, "Merci pour ce retour !");
        await WithdrawAsync(Claude, "Départ de l'entreprise");
        var (closure, _) = await TrackedAsync(Staff, client => client.PostAsync($"{Cohort}/closure", null, Cancellation));
        closure.StatusCode.ShouldBe(HttpStatusCode.OK, await closure.Content.ReadAsStringAsync(Cancellation));
    }
}

public sealed class CommunityDiscussionArchiveTests(DiscussionsClosed app) : IClassFixture<DiscussionsClosed>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_withdrawn_member_cannot_post_any_more_and_their_post_stays_as_a_former_participants()
    {
        var before = await app.EventCountAsync();

        using var refused = await app.ClaudeClient.PostAsJsonAsync($"{app.Discussions}/{app.ClaudesThread.ThreadId}/replies", new { text = "Encore moi" }, Cancellation);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.EventCountAsync()).ShouldBe(before);
        var thread = await app.ThreadAsync(app.CamilleClient, app.ClaudesThread.ThreadId);
        thread.Posts[0].Author.ShouldBe(new AuthorLabel("Ancien·ne participant·e", null, false));
        thread.Posts[0].Text.ShouldBe("Notre marché de nettoyage, en bref.");
        var claude = (await app.SpaceAsync()).Member(app.Claude)!;
        var page = await app.CamilleClient.GetStringAsync($"{app.Page}/discussions/{app.ClaudesThread.ThreadId}", Cancellation);
        page.ShouldContain("Ancien·ne participant·e");
        page.ShouldNotContain(claude.Name);
    }

    [Fact]
    public async Task After_the_closure_members_read_the_discussions_and_posting_is_refused()
    {
        var list = (await app.CamilleClient.GetFromJsonAsync<DiscussionsView>(app.Discussions, Cancellation))!;
        list.MayWrite.ShouldBeFalse();
        list.Threads.ShouldContain(thread => thread.ThreadId == app.ClaudesThread.ThreadId && thread.Replies == 1);
        var before = await app.EventCountAsync();

        using var reply = await app.CamilleClient.PostAsJsonAsync($"{app.Discussions}/{app.ClaudesThread.ThreadId}/replies", new { text = "Et après ?" }, Cancellation);
        using var start = await app.CamilleClient.PostAsJsonAsync(app.Discussions, new { channelId = Channels.General(app.CohortId), subject = "Suite", text = "Et après ?" }, Cancellation);
        using var hide = await app.Staff.PostAsJsonAsync($"{app.Discussions}/{app.ClaudesThread.ThreadId}/posts/{app.ClaudesThread.PostId}/hiding",
            new { version = 2, reason = "Archive" }, Cancellation);

        reply.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reply.Content.ReadAsStringAsync(Cancellation)).ShouldContain("close");
        start.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        hide.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await app.EventCountAsync()).ShouldBe(before);
        var page = await app.CamilleClient.GetStringAsync($"{app.Page}/discussions/{app.ClaudesThread.ThreadId}", Cancellation);
        page.ShouldContain("Merci pour ce retour !");
        page.ShouldNotContain("<form method=\"post\"");
    }
}
