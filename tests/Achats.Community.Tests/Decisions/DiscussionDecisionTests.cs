using Achats.Community.Discussions;
using Achats.Community.Spaces;
using Achats.Shared.Http;
using Achats.Shared.Web;
using Shouldly;
using Xunit;

namespace Achats.Community.Tests.Decisions;

/// <summary>Who writes, edits, reports and hides in a space's discussions, and how their posts read.</summary>
public sealed class DiscussionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Cohort = Guid.CreateVersion7();
    private static readonly Guid Alice = Guid.CreateVersion7();
    private static readonly Guid Benoit = Guid.CreateVersion7();
    private static readonly Guid Chloe = Guid.CreateVersion7();
    private static readonly Guid Energy = Guid.CreateVersion7();
    private static readonly Guid Cleaning = Guid.CreateVersion7();

    private static readonly Visitor AliceVisits = new("alice.martin@ville.test", null, null, null);
    private static readonly Visitor BenoitVisits = new("benoit.herve@ville.test", null, null, null);
    private static readonly Visitor StaffVisits = new(null, "ProgrammeStaff", "staff-1", "Sophie Leroy");
    private static readonly Visitor AuditorVisits = new(null, "Auditor", "audit-1", "Paul Audit");

    private static CohortSpace Space(bool archived = false) => new()
    {
        Id = CohortSpace.IdOf(Cohort),
        CohortId = Cohort,
        Name = "Promotion 2026-2027",
        OpenedAt = Now.AddDays(-20),
        ArchivedAt = archived ? Now.AddDays(-1) : null,
        Members =
        [
            new SpaceMember(Alice, "Alice", "Martin", "alice.martin@ville.test", "Ville de Montreuil", Now.AddDays(-30)),
            new SpaceMember(Benoit, "Benoît", "Hervé", "benoit.herve@ville.test", "Département du Val-de-Marne", Now.AddDays(-30)),
            new SpaceMember(Chloe, "Chloé", "Dubois", "chloe.dubois@ville.test", "Ville de Bobigny", Now.AddDays(-30)) { LeftAt = Now.AddDays(-2) },
        ],
        Groups =
        [
            new SpaceGroup(Energy, "Énergie", null, [Benoit]),
            new SpaceGroup(Cleaning, "Achats de nettoyage", null, [Alice]),
        ],
    };

    private static SpaceVisit Visit(Visitor visitor, bool archived = false) => VisitSpaceHandler.Decide(Space(archived), visitor);

    private static DiscussionThread Thread(Guid authorEnrolment, bool hidden = false)
    {
        var started = new ThreadStarted(Guid.CreateVersion7(), Cohort, Cleaning, "Clauses sociales", Guid.CreateVersion7(),
            new PostAuthor(authorEnrolment, null), "Qui a un modèle ?", [], Now.AddHours(-3));
        var thread = DiscussionThread.Create(started) with { Version = 1 };
        return hidden ? thread.Apply(new PostHidden(started.PostId, "Hors sujet", "Sophie Leroy", Now.AddHours(-1))) : thread;
    }

    private static StartThread Start(Visitor visitor, Guid channel, string text = "Bonjour") => new(Cohort, channel, "Un sujet", text, visitor);

    [Fact]
    public void A_member_starts_a_thread_in_any_channel_of_the_space_and_their_own_groups_come_first()
    {
        var visit = Visit(AliceVisits);

        var started = StartThreadHandler.Decide(visit, Start(AliceVisits, Energy), Guid.CreateVersion7(), Guid.CreateVersion7(), Now);

        started.Author.ShouldBe(new PostAuthor(Alice, null));
        started.ChannelId.ShouldBe(Energy);
        Channels.Of(visit).Select(channel => (channel.ChannelId, channel.IsMine)).ShouldBe(
            [(Channels.General(Cohort), false), (Cleaning, true), (Energy, false)]);
    }

    [Fact]
    public void A_channel_the_space_does_not_have_is_not_found()
    {
        Should.Throw<NotFoundException>(() => StartThreadHandler.Decide(Visit(AliceVisits), Start(AliceVisits, Guid.CreateVersion7()), Guid.CreateVersion7(), Guid.CreateVersion7(), Now));
    }

    [Fact]
    public void An_auditor_reads_without_writing_and_nobody_writes_in_an_archived_space()
    {
        Should.Throw<ForbiddenException>(() => StartThreadHandler.Decide(Visit(AuditorVisits), Start(AuditorVisits, Energy), Guid.CreateVersion7(), Guid.CreateVersion7(), Now));
        Should.Throw<RuleViolationException>(() => PostReplyHandler.Decide(Visit(AliceVisits, archived: true), Thread(Alice), "Merci", Guid.CreateVersion7(), Now));
        var thread = Thread(Alice);
        Should.Throw<RuleViolationException>(() => HidePostHandler.Decide(Visit(StaffVisits, archived: true), thread, thread.Posts[0].PostId, "Hors sujet", Now));
    }

    [Fact]
    public void A_thread_of_another_space_is_not_found()
    {
        var elsewhere = Thread(Alice) with { CohortId = Guid.CreateVersion7() };

        Should.Throw<NotFoundException>(() => PostReplyHandler.Decide(Visit(BenoitVisits), elsewhere, "Merci", Guid.CreateVersion7(), Now));
    }

    [Fact]
    public void Mentions_of_current_members_are_recognised_whatever_the_case_and_accents_and_former_members_are_not()
    {
        var reply = PostReplyHandler.Decide(Visit(AliceVisits), Thread(Alice), "Merci @benoit herve ! Et @Chloé Dubois ? @Alice Martinez non.", Guid.CreateVersion7(), Now);

        reply.Mentions.ShouldBe([Benoit]);
    }

    [Fact]
    public void Only_its_author_edits_a_post_and_the_same_text_changes_nothing()
    {
        var thread = Thread(Alice);
        var postId = thread.Posts[0].PostId;

        Should.Throw<ForbiddenException>(() => EditPostHandler.Decide(Visit(BenoitVisits), thread, postId, "Autre chose", Now));
        Should.Throw<ForbiddenException>(() => EditPostHandler.Decide(Visit(StaffVisits), thread, postId, "Autre chose", Now));
        EditPostHandler.Decide(Visit(AliceVisits), thread, postId, "  Qui a un modèle ?  ", Now).ShouldBeEmpty();
        EditPostHandler.Decide(Visit(AliceVisits), thread, postId, "Qui a un modèle de clause ?", Now).ShouldHaveSingleItem().ShouldBeOfType<PostEdited>();
        var hidden = Thread(Alice, hidden: true);
        Should.Throw<RuleViolationException>(() => EditPostHandler.Decide(Visit(AliceVisits), hidden, hidden.Posts[0].PostId, "x", Now));
    }

    [Fact]
    public void A_member_reports_someone_elses_post_once_and_staff_hide_rather_than_report()
    {
        var thread = Thread(Alice);
        var postId = thread.Posts[0].PostId;
        var reported = ReportPostHandler.Decide(Visit(BenoitVisits), thread, postId, "Propos blessants", Now);
        var after = thread.Apply(reported);

        reported.ReportedBy.ShouldBe(Benoit);
        Should.Throw<ConflictException>(() => ReportPostHandler.Decide(Visit(BenoitVisits), after, postId, "Encore", Now));
        Should.Throw<RuleViolationException>(() => ReportPostHandler.Decide(Visit(AliceVisits), thread, postId, "Le mien", Now));
        Should.Throw<ForbiddenException>(() => ReportPostHandler.Decide(Visit(StaffVisits), thread, postId, "Staff", Now));
    }

    [Fact]
    public void Only_programme_staff_hide_a_post_once_with_a_reason()
    {
        var thread = Thread(Alice);
        var postId = thread.Posts[0].PostId;

        Should.Throw<ForbiddenException>(() => HidePostHandler.Decide(Visit(BenoitVisits), thread, postId, "Hors sujet", Now));
        Should.Throw<ForbiddenException>(() => HidePostHandler.Decide(Visit(AuditorVisits), thread, postId, "Hors sujet", Now));
        var hidden = HidePostHandler.Decide(Visit(StaffVisits), thread, postId, " Hors sujet ", Now);
        hidden.ShouldBe(new PostHidden(postId, "Hors sujet", "Sophie Leroy", Now));
        Should.Throw<ConflictException>(() => HidePostHandler.Decide(Visit(StaffVisits), thread.Apply(hidden), postId, "Encore", Now));
    }

    [Fact]
    public void Members_read_a_hidden_posts_reason_and_staff_still_read_its_text()
    {
        var thread = Thread(Alice, hidden: true);

        var members = GetThreadHandler.View(Visit(BenoitVisits), thread).Posts[0];
        members.Text.ShouldBeNull();
        members.HiddenBecause.ShouldBe("Hors sujet");
        members.MayReport.ShouldBeFalse();
        var staff = GetThreadHandler.View(Visit(StaffVisits), thread).Posts[0];
        staff.Text.ShouldBe("Qui a un modèle ?");
        staff.IsHidden.ShouldBeTrue();
    }

    [Fact]
    public void A_former_member_is_shown_as_such_never_by_name_and_staff_as_the_programme_team()
    {
        var space = Space();

        PostAuthors.Label(new PostAuthor(Chloe, null), space).ShouldBe(new AuthorLabel("Ancien·ne participant·e", null, false));
        PostAuthors.Label(new PostAuthor(Alice, null), space).ShouldBe(new AuthorLabel("Alice Martin", "Ville de Montreuil", false));
        PostAuthors.Label(new PostAuthor(null, "Sophie Leroy", "staff-1"), space).ShouldBe(new AuthorLabel("Équipe du programme", "Sophie Leroy", true));
    }

    [Fact]
    public void A_mention_is_highlighted_in_the_rendered_text_only_never_inside_a_tag()
    {
        var html = Mentions.Highlight(SafeMarkdown.ToHtml("Bonjour **@benoît hervé** et [lien](https://exemple.test/@Benoît Hervé) <b>@Benoît Hervé</b>"), ["Benoît Hervé"]).Value;

        html.ShouldContain("<strong><span class=\"mention\">@benoît hervé</span></strong>");
        html.ShouldContain("&lt;b&gt;<span class=\"mention\">@Benoît Hervé</span>&lt;/b&gt;");
        html.ShouldNotContain("<b>");
    }

    [Fact]
    public void A_thread_of_a_working_group_dropped_since_is_read_and_no_longer_written_in()
    {
        var thread = Thread(Alice) with { ChannelId = Guid.CreateVersion7() };

        var view = GetThreadHandler.View(Visit(AliceVisits), thread);

        view.ChannelListed.ShouldBeFalse();
        view.Channel.Name.ShouldBe("Ancien groupe de travail");
        view.MayWrite.ShouldBeFalse();
        view.Posts[0].MayEdit.ShouldBeFalse();
        Should.Throw<NotFoundException>(() => PostReplyHandler.Decide(Visit(AliceVisits), thread, "Encore là ?", Guid.CreateVersion7(), Now));
    }
}
