using Achats.Cohorts.Contracts;
using Achats.Community.Spaces;
using Achats.Shared.Http;
using Shouldly;
using Xunit;

namespace Achats.Community.Tests.Decisions;

/// <summary>Who is a member of a space, from Cohorts' and Enrolment's messages, in any order and heard any number of times.</summary>
public sealed class MembershipDecisionTests
{
    private static readonly DateTimeOffset Launch = new(2026, 9, 14, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Cohort = Guid.CreateVersion7();

    private static ParticipantJoinedCohort Joined(Guid enrolmentId, string email = "alice.martin@ville.test") =>
        new(Cohort, enrolmentId, "Alice", "Martin", email, "Ville de Montreuil", Launch.AddDays(-10));

    private static CohortLaunched Launched(params Guid[] roster) => new(Cohort, "Promotion 2026-2027", new DateOnly(2026, 9, 14), new DateOnly(2027, 6, 30), roster, Launch);

    private static CohortSpace Fold(IEnumerable<object> events) =>
        events.Aggregate(new CohortSpace { Id = CohortSpace.IdOf(Cohort) }, (space, e) => e switch
        {
            MemberJoined joined => space.Apply(joined),
            SpaceOpened opened => space.Apply(opened),
            MemberLeft left => space.Apply(left),
            SpaceArchived archived => space.Apply(archived),
            _ => throw new InvalidOperationException(e.GetType().Name),
        });


    [Fact]
    public void A_launch_opens_the_space_to_the_members_already_admitted()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        var space = Fold(events);
        events.AddRange(OpenSpaceHandler.Decide(space, Launched(alice)));
        space = Fold(events);

        space.IsOpen.ShouldBeTrue();
        VisitSpaceHandler.Decide(space, new Visitor("alice.martin@ville.test", null, null, null)).Member!.EnrolmentId.ShouldBe(alice);
    }

    [Fact]
    public void A_space_not_launched_yet_is_not_found_even_by_its_future_members()
    {
        var space = Fold(AddMemberHandler.Decide(null, Joined(Guid.CreateVersion7())));

        Should.Throw<NotFoundException>(() => VisitSpaceHandler.Decide(space, new Visitor("alice.martin@ville.test", null, null, null)));
    }

    [Fact]
    public void Redelivered_launches_and_admissions_change_nothing_twice()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        events.AddRange(OpenSpaceHandler.Decide(Fold(events), Launched(alice)));
        var space = Fold(events);

        AddMemberHandler.Decide(space, Joined(alice)).ShouldBeEmpty();
        OpenSpaceHandler.Decide(space, Launched(alice)).ShouldBeEmpty();
        space.Members.Count.ShouldBe(1);
    }

    [Fact]
    public void A_member_who_leaves_is_refused_at_once_and_told_why()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        events.AddRange(OpenSpaceHandler.Decide(Fold(events), Launched(alice)));
        events.AddRange(RemoveMemberHandler.Decide(Fold(events), alice, "Mutation", Launch.AddDays(30)));
        var space = Fold(events);

        var refused = Should.Throw<ForbiddenException>(() => VisitSpaceHandler.Decide(space, new Visitor("alice.martin@ville.test", null, null, null)));
        refused.Message.ShouldContain("ne faites plus partie");
        space.Member(alice)!.LeftAt.ShouldNotBeNull(); // still known: their posts stay theirs
    }

    [Fact]
    public void A_departure_heard_twice_from_Cohorts_and_from_Enrolment_is_kept_once()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        events.AddRange(RemoveMemberHandler.Decide(Fold(events), alice, "Retrait", Launch.AddDays(30)));

        RemoveMemberHandler.Decide(Fold(events), alice, "Retrait", Launch.AddDays(30)).ShouldBeEmpty();
    }

    [Fact]
    public void A_departure_heard_before_the_arrival_keeps_the_late_arrival_out()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. RemoveMemberHandler.Decide(null, alice, "Retrait", Launch.AddDays(1))];
        events.AddRange(OpenSpaceHandler.Decide(Fold(events), Launched(alice)));

        AddMemberHandler.Decide(Fold(events), Joined(alice)).ShouldBeEmpty();
        Should.Throw<ForbiddenException>(() => VisitSpaceHandler.Decide(Fold(events), new Visitor("alice.martin@ville.test", null, null, null)));
    }

    [Fact]
    public void A_member_of_another_cohort_is_refused()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        events.AddRange(OpenSpaceHandler.Decide(Fold(events), Launched(alice)));

        var refused = Should.Throw<ForbiddenException>(() => VisitSpaceHandler.Decide(Fold(events), new Visitor("bob.durand@autre-ville.test", null, null, null)));
        refused.Message.ShouldContain("réservé aux participants");
    }

    [Fact]
    public void Closure_archives_the_space_once_readable_by_members_but_not_writable()
    {
        var alice = Guid.CreateVersion7();
        List<object> events = [.. AddMemberHandler.Decide(null, Joined(alice))];
        events.AddRange(OpenSpaceHandler.Decide(Fold(events), Launched(alice)));
        events.AddRange(ArchiveSpaceHandler.Decide(Fold(events), new CohortClosed(Cohort, Launch.AddMonths(10))));
        var space = Fold(events);

        ArchiveSpaceHandler.Decide(space, new CohortClosed(Cohort, Launch.AddMonths(10))).ShouldBeEmpty();
        var visit = VisitSpaceHandler.Decide(space, new Visitor("alice.martin@ville.test", null, null, null));
        visit.MayWrite.ShouldBeFalse();
        Should.Throw<RuleViolationException>(visit.EnsureMayWrite);
    }

    [Fact]
    public void Staff_enter_every_open_space_and_auditors_only_read()
    {
        var space = Fold(OpenSpaceHandler.Decide(null, Launched()));

        VisitSpaceHandler.Decide(space, new Visitor(null, Shared.Access.StaffRole.ProgrammeStaff, "1", "Camille")).MayWrite.ShouldBeTrue();
        var auditor = VisitSpaceHandler.Decide(space, new Visitor(null, Shared.Access.StaffRole.Auditor, "2", "Dominique"));
        auditor.MayWrite.ShouldBeFalse();
        Should.Throw<ForbiddenException>(auditor.EnsureMayWrite);
    }
}
