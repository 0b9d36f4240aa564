using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Achats.Community.Discussions;
using Achats.Community.Notifications;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Marten;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Host.Tests.Community;

/// <summary>
/// The space under way, then: Camille starts a thread in the general channel and Dominique replies to it; Claude starts
/// one in Camille's working group's channel, then is withdrawn; Dominique opts out of the digest on the notifications
/// page; and the day's digests run (the next 7:00 in Paris after the clock).
/// </summary>
public sealed class SpaceWithDiscussions(PostgresServer postgres) : SpaceUnderWay(postgres)
{
    public DateOnly Day { get; private set; }

    public Guid CamillesThread { get; private set; }

    public Guid GroupThread { get; private set; }

    public SpaceGroup CamillesGroup { get; private set; } = null!;

    /// <summary>The digests each address had once the day ran (later tests send more).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReceivedEmail>> DigestsOfTheDay { get; private set; } = null!;

    public string DominiqueEmail { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var space = await SpaceAsync();
        CamillesGroup = space.GroupsOf(Camille).First();
        CamillesThread = await StartThreadAsync(Channels.General(CohortId), "Retours sur la plénière", Camille);
        await ReplyAsync(CamillesThread, Dominique);
        GroupThread = await StartThreadAsync(CamillesGroup.GroupId, "Vaisselle réemployée", Claude);
        await WithdrawAsync(Claude, "Changement de poste");

        var page = await DominiqueClient.GetStringAsync($"{Page}/notifications", Cancellation);
        using var optedOut = await DominiqueClient.PostAsync($"{Page}/notifications", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", DailyDigestTests.AntiforgeryToken().Match(page).Groups[1].Value),
            new("_handler", "digest"),
        ]), Cancellation);
        optedOut.StatusCode.ShouldBe(HttpStatusCode.OK, await optedOut.Content.ReadAsStringAsync(Cancellation));

        Day = new DailySchedule(DigestSchedule.Default).NextDay(Clock.GetUtcNow());
        await RunAsync(this, new RunDailyDigests(Day));
        DominiqueEmail = space.Member(Dominique)!.Email;
        var digests = new Dictionary<string, IReadOnlyList<ReceivedEmail>>();
        foreach (var address in new[] { CamilleEmail, DominiqueEmail, ClaudeEmail })
        {
            digests[address] = await DigestsToAsync(this, address);
        }

        DigestsOfTheDay = digests;
    }

    public static async Task<IReadOnlyList<ReceivedEmail>> DigestsToAsync(AchatsApp node, string address) =>
        (await node.EmailsToAsync(address)).Where(email => email.Subject.StartsWith("Du nouveau dans l'espace", StringComparison.Ordinal)).ToList();

    /// <summary>A thread as the discussions' use cases start it (their events, appended directly).</summary>
    public async Task<Guid> StartThreadAsync(Guid channelId, string subject, Guid author)
    {
        var threadId = Guid.CreateVersion7();
        await using var session = Store.LightweightSession();
        session.Events.StartStream<DiscussionThread>(threadId, new ThreadStarted(threadId, CohortId, channelId, subject, Guid.CreateVersion7(),
            new PostAuthor(author, null), "Qu'en pensez-vous ?", [], Clock.GetUtcNow()));
        await session.SaveChangesAsync(Cancellation);
        return threadId;
    }

    public async Task ReplyAsync(Guid threadId, Guid author)
    {
        await using var session = Store.LightweightSession();
        var stream = await session.Events.FetchForWriting<DiscussionThread>(threadId, Cancellation);
        stream.AppendOne(new ReplyPosted(Guid.CreateVersion7(), new PostAuthor(author, null), "Très utile, merci.", [], Clock.GetUtcNow()));
        await session.SaveChangesAsync(Cancellation);
    }

    /// <summary>Sends <paramref name="message"/> on <paramref name="node"/>'s durable queue and waits for all it cascades (emails included).</summary>
    public static async Task<ITrackedSession> RunAsync(AchatsApp node, object message) =>
        await node.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(message).AsTask()));
}

/// <summary>The daily digest: what it tells, to whom, once, and how a member stops it.</summary>
public sealed partial class DailyDigestTests(SpaceWithDiscussions app) : IClassFixture<SpaceWithDiscussions>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Notifications => $"{app.Space}/notifications";

    [Fact]
    public async Task Camille_receives_Dominiques_reply_to_her_thread_and_the_new_post_of_her_group_not_her_own_post()
    {
        var space = await app.SpaceAsync();
        var dominique = space.Member(app.Dominique)!.Name;

        var email = app.DigestsOfTheDay[app.CamilleEmail].ShouldHaveSingleItem();

        email.Subject.ShouldBe($"Du nouveau dans l'espace {space.Name}");
        email.Text.ShouldContain("Réponses à vos discussions :");
        email.Text.ShouldContain($"- « Retours sur la plénière » (canal général) : {dominique} — lire la discussion : ");
        email.Text.ShouldContain("Dans vos canaux :");
        email.Text.ShouldContain($"- « Vaisselle réemployée » ({app.CamillesGroup.Name}) : Ancien·ne participant·e — lire la discussion : ");
        email.Text.ShouldNotContain(space.Member(app.Camille)!.Name + " —");
        email.LinkTo($"/espace/{app.CohortId}/discussions/{app.CamillesThread}").ShouldNotBeNull();
        email.LinkTo($"/espace/{app.CohortId}/discussions/{app.GroupThread}").ShouldNotBeNull();
        email.LinkTo(DigestPaths.OptOutBase).ShouldNotBeNull();
    }

    [Fact]
    public async Task Nothing_went_to_a_withdrawn_member_nor_to_a_member_who_opted_out_on_the_page()
    {
        app.DigestsOfTheDay[app.ClaudeEmail].ShouldBeEmpty();
        app.DigestsOfTheDay[app.DominiqueEmail].ShouldBeEmpty();
    }

    [Fact]
    public async Task The_day_runs_again_on_a_second_host_on_the_same_database_and_sends_nothing_twice()
    {
        await using (var session = app.Store.QuerySession())
        {
            (await session.LoadAsync<DigestSent>(DigestSent.IdOf(app.Camille, app.Day), Cancellation))!.Posts.ShouldBe(2);
        }

        await using var restarted = app.StartSecondNode();

        await SpaceWithDiscussions.RunAsync(restarted, new RunDailyDigests(app.Day));
        await SpaceWithDiscussions.RunAsync(restarted, new SendDigest(app.CohortId, app.Camille, app.Day, new DailySchedule(DigestSchedule.Default).CutOffOf(app.Day)));

        (await restarted.EmailsToAsync(app.CamilleEmail)).ShouldBeEmpty();
        (await SpaceWithDiscussions.DigestsToAsync(app, app.CamilleEmail)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_hosts_start_and_the_days_run_each_scheduled_a_next_run_on_the_durable_queue()
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var query = new Npgsql.NpgsqlCommand(
            $"select count(*) from {Achats.Host.AchatsHost.MessagesSchema}.wolverine_incoming_envelopes where status = 'Scheduled' and message_type like '%RunDailyDigests%'",
            connection);

        ((long)(await query.ExecuteScalarAsync(Cancellation))!).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task The_emails_link_opens_a_page_whose_button_opts_out_and_the_next_day_sends_nothing()
    {
        var email = app.DigestsOfTheDay[app.CamilleEmail][0];
        var link = email.LinkTo(DigestPaths.OptOutBase);
        using var visitor = app.CreateBrowserClient();

        var page = await visitor.GetStringAsync(link, Cancellation);
        page.ShouldContain("Me désabonner");
        (await app.CamilleClient.GetFromJsonAsync<DigestChoice>(Notifications, Cancellation))!.Receives.ShouldBeTrue("opening the link changes nothing");
        using var confirmed = await visitor.PostAsync(link, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", AntiforgeryToken().Match(page).Groups[1].Value), new("_handler", "opt-out")]), Cancellation);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirmed.Content.ReadAsStringAsync(Cancellation)).ShouldContain("vous ne recevrez plus le résumé quotidien");
        (await app.CamilleClient.GetFromJsonAsync<DigestChoice>(Notifications, Cancellation))!.Receives.ShouldBeFalse();

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.ReplyAsync(app.CamillesThread, app.Dominique);
        await SpaceWithDiscussions.RunAsync(app, new RunDailyDigests(app.Day.AddDays(1)));
        (await SpaceWithDiscussions.DigestsToAsync(app, app.CamilleEmail)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_link_is_gone_and_changes_nothing()
    {
        using var visitor = app.CreateBrowserClient();

        using var page = await visitor.GetAsync($"{DigestPaths.OptOutBase}/inconnu", Cancellation);

        page.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await page.Content.ReadAsStringAsync(Cancellation)).ShouldContain("Ce lien de désabonnement");
    }

    [Fact]
    public async Task A_member_who_opted_out_on_the_page_opts_back_in_through_the_API_and_refused_choices_write_nothing()
    {
        (await app.DominiqueClient.GetFromJsonAsync<DigestChoice>(Notifications, Cancellation))!.Receives.ShouldBeFalse();
        (await (await app.DominiqueClient.PutAsJsonAsync(Notifications, new { receives = true }, Cancellation)).ReadAsync<DigestChoice>(HttpStatusCode.OK))
            .Receives.ShouldBeTrue();
        (await app.DominiqueClient.GetFromJsonAsync<DigestChoice>(Notifications, Cancellation))!.Receives.ShouldBeTrue();

        var before = await SubscriptionsAsync();
        (await app.DominiqueClient.PutAsJsonAsync(Notifications, new { }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Staff.PutAsJsonAsync(Notifications, new { receives = false }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        (await auditor.GetAsync(Notifications, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.ClaudeClient.PutAsJsonAsync(Notifications, new { receives = false }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SubscriptionsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_notifications_page_shows_the_members_choice_in_their_space()
    {
        var page = await app.CamilleClient.GetStringAsync($"{app.Page}/notifications", Cancellation);

        page.ShouldContain("Recevoir le résumé quotidien par courriel");
        page.ShouldContain("aria-current=\"page\"");
    }

    private async Task<int> SubscriptionsAsync()
    {
        await using var session = app.Store.QuerySession();
        return await session.Query<DigestSubscription>().CountAsync(Cancellation);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
