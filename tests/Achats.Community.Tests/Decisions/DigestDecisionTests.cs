using Achats.Community.Discussions;
using Achats.Community.Notifications;
using Achats.Community.Spaces;
using Achats.Shared.Time;
using Shouldly;
using Xunit;

namespace Achats.Community.Tests.Decisions;

/// <summary>What the daily digest tells whom: new posts of others in one's channels and in the threads one wrote in.</summary>
public sealed class DigestDecisionTests
{
    private static readonly DateTimeOffset Since = new(2026, 10, 5, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Since.AddDays(1);
    private static readonly Guid Cohort = Guid.CreateVersion7();
    private static readonly Guid Camille = Guid.CreateVersion7();
    private static readonly Guid Dominique = Guid.CreateVersion7();
    private static readonly Guid Claude = Guid.CreateVersion7();
    private static readonly Guid CamillesGroup = Guid.CreateVersion7();
    private static readonly Guid OtherGroup = Guid.CreateVersion7();

    private static CohortSpace Space() => new CohortSpace { Id = CohortSpace.IdOf(Cohort) }
        .Apply(new MemberJoined(Camille, "Camille", "Durand", "camille@ville.test", "Ville", Since.AddDays(-30)))
        .Apply(new MemberJoined(Dominique, "Dominique", "Petit", "dominique@ville.test", "Ville", Since.AddDays(-30)))
        .Apply(new MemberJoined(Claude, "Claude", "Moreau", "claude@societe.test", "Société", Since.AddDays(-30)))
        .Apply(new SpaceOpened(Cohort, "Promotion 2026-2027", new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30), Since.AddDays(-20)))
        .Apply(new WorkingGroupsKept([new SpaceGroup(CamillesGroup, "Restauration", null, [Camille, Dominique]), new SpaceGroup(OtherGroup, "BTP", null, [Claude])]));

    private static DiscussionThread Thread(Guid channel, Guid author, DateTimeOffset at, params (Guid Author, DateTimeOffset At)[] replies) =>
        replies.Aggregate(
            DiscussionThread.Create(new ThreadStarted(Guid.CreateVersion7(), Cohort, channel, "Un sujet", Guid.CreateVersion7(), new PostAuthor(author, null), "Bonjour", [], at)),
            (thread, reply) => thread.Apply(new ReplyPosted(Guid.CreateVersion7(), new PostAuthor(reply.Author, null), "Réponse", [], reply.At)));

    private static IReadOnlyList<ThreadNews> ForCamille(CohortSpace space, params DiscussionThread[] threads) =>
        WhatIsNew.For(space, Camille, threads, Since, Until);

    [Fact]
    public void A_reply_of_another_member_to_a_thread_she_wrote_in_is_a_reply_to_her_thread_wherever_it_is()
    {
        var thread = Thread(OtherGroup, Camille, Since.AddDays(-3), (Dominique, Since.AddHours(2)));

        var news = ForCamille(Space(), thread).ShouldHaveSingleItem();

        news.Theirs.ShouldBeTrue();
        news.NewPosts.ShouldHaveSingleItem().Author.EnrolmentId.ShouldBe(Dominique);
    }

    [Fact]
    public void New_posts_of_others_in_the_general_channel_and_her_group_are_news_of_her_channels()
    {
        var general = Thread(Channels.General(Cohort), Claude, Since.AddHours(1));
        var group = Thread(CamillesGroup, Dominique, Since.AddHours(3));

        ForCamille(Space(), group, general).Select(news => (news.Thread.Id, news.Theirs)).ShouldBe([(general.Id, false), (group.Id, false)]);
    }

    [Fact]
    public void Her_own_posts_posts_before_the_cut_off_window_hidden_posts_and_other_groups_are_not_news()
    {
        var own = Thread(CamillesGroup, Camille, Since.AddHours(1));
        var old = Thread(CamillesGroup, Dominique, Since.AddMinutes(-1));
        var later = Thread(CamillesGroup, Dominique, Until.AddMinutes(1));
        var elsewhere = Thread(OtherGroup, Claude, Since.AddHours(1));
        var hidden = Thread(CamillesGroup, Dominique, Since.AddHours(1));
        hidden = hidden.Apply(new PostHidden(hidden.Posts[0].PostId, "Hors sujet", "Équipe", Since.AddHours(2)));

        ForCamille(Space(), own, old, later, elsewhere, hidden).ShouldBeEmpty();
    }

    [Fact]
    public void A_former_member_and_an_archived_space_get_nothing()
    {
        var thread = Thread(Channels.General(Cohort), Claude, Since.AddHours(1));

        ForCamille(Space().Apply(new MemberLeft(Camille, "Retrait", Since)), thread).ShouldBeEmpty();
        ForCamille(Space().Apply(new SpaceArchived(Since)), thread).ShouldBeEmpty();
    }

    [Fact]
    public void A_former_members_post_is_signed_as_a_former_member_and_a_current_ones_with_their_name()
    {
        var space = Space().Apply(new MemberLeft(Claude, "Retrait", Since));

        PostAuthors.Label(new PostAuthor(Claude, null), space).Name.ShouldBe("Ancien·ne participant·e");
        PostAuthors.Label(new PostAuthor(Dominique, null), space).Name.ShouldBe("Dominique Petit");
    }

    [Fact]
    public void A_days_run_asks_one_digest_per_current_member_of_each_open_space()
    {
        var space = Space().Apply(new MemberLeft(Claude, "Retrait", Since));
        var archived = Space() with { Id = Guid.CreateVersion7(), CohortId = Guid.CreateVersion7() };
        archived = archived.Apply(new SpaceArchived(Since));

        RunDailyDigestsHandler.Digests([space, archived], new DateOnly(2026, 10, 6), Until).Select(digest => digest.EnrolmentId)
            .ShouldBe([Camille, Dominique]);
    }

    [Fact]
    public void The_run_is_at_seven_in_Paris_and_the_next_one_is_tomorrows_once_the_time_has_passed()
    {
        var schedule = new DailySchedule(DigestSchedule.Default);
        var day = new DateOnly(2026, 10, 6);

        schedule.CutOffOf(day).ShouldBe(new DateTimeOffset(2026, 10, 6, 5, 0, 0, TimeSpan.Zero));
        schedule.NextDay(new DateTimeOffset(2026, 10, 6, 4, 59, 0, TimeSpan.Zero)).ShouldBe(day);
        schedule.NextDay(new DateTimeOffset(2026, 10, 6, 5, 0, 0, TimeSpan.Zero)).ShouldBe(day.AddDays(1));
    }
}
