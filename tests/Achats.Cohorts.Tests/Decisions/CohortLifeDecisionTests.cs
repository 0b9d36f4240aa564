using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Sessions;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

public sealed class CohortLifeDecisionTests
{
    [Theory]
    [InlineData("2020-08-31", CohortStatus.Planned)]
    [InlineData("2020-09-01", CohortStatus.RegistrationOpen)]
    [InlineData("2020-12-31", CohortStatus.RegistrationOpen)]
    [InlineData("2021-01-01", CohortStatus.RegistrationClosed)]
    [InlineData("2021-06-01", CohortStatus.RegistrationClosed)]
    public void Before_launch_the_registration_phases_follow_the_dates(string today, CohortStatus status) =>
        Edition2().StatusOn(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(status);

    [Fact]
    public void Launched_then_closed_whatever_the_date()
    {
        var launched = Edition2().Apply(LaunchCohortHandler.Decide(Edition2(), Paris(1, 4, 9)));
        launched.StatusOn(new(2020, 10, 1)).ShouldBe(CohortStatus.Launched);

        var closed = launched.Apply(CloseCohortHandler.Decide(launched, Paris(12, 17, 18)));
        closed.StatusOn(new(2021, 6, 1)).ShouldBe(CohortStatus.Closed);
        closed.ClosedAt.ShouldBe(Paris(12, 17, 18));
    }

    [Fact]
    public void A_cohort_is_launched_from_its_first_day_once()
    {
        Should.Throw<RuleViolationException>(() => LaunchCohortHandler.Decide(Edition2(), Paris(1, 3, 23, 59)))
            .Message.ShouldBe("L'édition se lance à partir de son premier jour, le 4 janvier 2021.");
        var launched = Edition2().Apply(LaunchCohortHandler.Decide(Edition2(), Paris(1, 4, 0)));
        Should.Throw<ConflictException>(() => LaunchCohortHandler.Decide(launched, Paris(1, 5, 9)));
    }

    [Fact]
    public void Only_a_launched_cohort_closes_and_only_once()
    {
        Should.Throw<RuleViolationException>(() => CloseCohortHandler.Decide(Edition2(), Paris(1, 5, 9))).Rule.ShouldBe("cohort-not-launched");
        var launched = Edition2().Apply(new CohortLaunched(Paris(1, 4, 9)));
        var closed = launched.Apply(CloseCohortHandler.Decide(launched, Paris(12, 17, 18)));
        Should.Throw<ConflictException>(() => CloseCohortHandler.Decide(closed, Paris(12, 18, 9)));
    }

    [Fact]
    public void A_closed_cohort_s_programme_no_longer_changes()
    {
        var closed = Edition2().Apply(new CohortLaunched(Paris(1, 4, 9))).Apply(new CohortClosed(Paris(12, 17, 18)));

        Should.Throw<RuleViolationException>(() => AddSequenceHandler.Decide(closed, new AddSequence(CohortId, "Bilan"), Guid.CreateVersion7()))
            .Rule.ShouldBe("cohort-closed");
    }

    [Fact]
    public void Dates_change_until_launch_with_their_reason_kept()
    {
        var change = new ChangeCohortDates(CohortId, new(2020, 9, 1), new(2021, 1, 15), new(2021, 1, 18), null, "Report du lancement après les fêtes");

        var changed = ChangeCohortDatesHandler.Decide(Edition2(), change);
        var cohort = Edition2().Apply(changed);

        cohort.StartsOn.ShouldBe(new DateOnly(2021, 1, 18));
        cohort.EndsOn.ShouldBe(new DateOnly(2022, 1, 17)); // one year by default
        cohort.DateChanges.ShouldHaveSingleItem().Reason.ShouldBe("Report du lancement après les fêtes");
        var launched = cohort.Apply(new CohortLaunched(Paris(1, 18, 9)));
        Should.Throw<RuleViolationException>(() => ChangeCohortDatesHandler.Decide(launched, change with { EndsOn = new(2022, 1, 31) }))
            .Rule.ShouldBe("dates-frozen");
    }

    [Fact]
    public void New_dates_may_not_leave_a_session_outside_the_cohort()
    {
        var (cohort, sessionId) = Edition2().With(Session(SessionKind.Plenary, new(2021, 1, 14, 9, 30, 0), new(2021, 1, 14, 12, 0, 0), title: "Lancement"));

        var refusal = Should.Throw<RuleViolationException>(() => ChangeCohortDatesHandler.Decide(cohort,
            new ChangeCohortDates(CohortId, new(2020, 9, 1), new(2021, 1, 15), new(2021, 1, 18), null, "Report")));

        refusal.Rule.ShouldBe("sessions-outside-cohort");
        refusal.Message.ShouldContain("« Lancement »");
        refusal.Details["sessionIds"].ShouldBe(new List<Guid> { sessionId });
    }

    [Fact]
    public void The_same_dates_again_are_no_change() =>
        Should.Throw<ConflictException>(() => ChangeCohortDatesHandler.Decide(Edition2(),
            new ChangeCohortDates(CohortId, new(2020, 9, 1), new(2020, 12, 31), new(2021, 1, 4), new(2021, 12, 17), "Rien")));

    [Fact]
    public void A_plan_without_an_end_lasts_one_year() =>
        PlanCohortHandler.Decide(new PlanCohort("Édition 3", new(2021, 9, 1), new(2021, 12, 31), new(2022, 1, 10)), Guid.CreateVersion7())
            .EndsOn.ShouldBe(new DateOnly(2023, 1, 9));

    [Fact]
    public void Sequences_are_reordered_all_of_them_once()
    {
        var second = Guid.CreateVersion7();
        var cohort = Edition2().Apply(new SequenceAdded(second, "Mises en relation"));

        cohort.Apply(ReorderSequencesHandler.Decide(cohort, new ReorderSequences(CohortId, [second, Opening])))
            .Sequences.Select(sequence => sequence.Title).ShouldBe(["Mises en relation", "Ouverture"]);
        Should.Throw<RuleViolationException>(() => ReorderSequencesHandler.Decide(cohort, new ReorderSequences(CohortId, [second])));
        Should.Throw<ConflictException>(() => AddSequenceHandler.Decide(cohort, new AddSequence(CohortId, "ouverture"), Guid.CreateVersion7()));
    }
}
