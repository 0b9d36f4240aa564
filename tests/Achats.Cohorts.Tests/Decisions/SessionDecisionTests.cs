using Achats.Cohorts.Sessions;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

public sealed class SessionDecisionTests
{
    private static readonly DateTime NineThirty = new(2021, 1, 14, 9, 30, 0);

    [Fact]
    public void A_session_is_scheduled_in_Paris_time_within_its_sequence()
    {
        var scheduled = ScheduleSessionHandler.Decide(Edition2(), Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(3)), Guid.CreateVersion7());

        scheduled.SequenceId.ShouldBe(Opening);
        scheduled.Details.StartsAt.ShouldBe(new DateTimeOffset(2021, 1, 14, 9, 30, 0, TimeSpan.FromHours(1)));
        scheduled.Details.EndsAt.UtcDateTime.ShouldBe(new DateTime(2021, 1, 14, 11, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void A_summer_session_is_read_at_plus_two_hours() =>
        ScheduleSessionHandler.Decide(Edition2(), Session(SessionKind.Plenary, new(2021, 6, 10, 14, 0, 0), new(2021, 6, 10, 17, 0, 0)), Guid.CreateVersion7())
            .Details.StartsAt.UtcDateTime.ShouldBe(new DateTime(2021, 6, 10, 12, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Overlapping_sessions_are_refused_naming_the_one_in_the_way()
    {
        var (cohort, plenaryId) = Edition2().With(Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(3), title: "Lancement"));

        var refusal = Should.Throw<RuleViolationException>(() =>
            ScheduleSessionHandler.Decide(cohort, Session(SessionKind.Workshop, NineThirty.AddHours(2), NineThirty.AddHours(4)), Guid.CreateVersion7()));

        refusal.Rule.ShouldBe("sessions-overlap");
        refusal.Message.ShouldContain("« Lancement » (14 janvier 2021, 09h30–12h30)");
        refusal.Details["overlappingSessionIds"].ShouldBe(new List<Guid> { plenaryId });
    }

    [Fact]
    public void A_session_may_start_when_the_previous_one_ends()
    {
        var (cohort, _) = Edition2().With(Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(3)));

        Should.NotThrow(() => ScheduleSessionHandler.Decide(cohort, Session(SessionKind.Workshop, NineThirty.AddHours(3), NineThirty.AddHours(4)), Guid.CreateVersion7()));
    }

    [Fact]
    public void Two_parallel_workshops_may_share_a_moment()
    {
        var (cohort, _) = Edition2().With(Session(SessionKind.Workshop, NineThirty, NineThirty.AddHours(2), parallel: true, title: "BTP"));

        Should.NotThrow(() => ScheduleSessionHandler.Decide(cohort,
            Session(SessionKind.Workshop, NineThirty, NineThirty.AddHours(2), parallel: true, title: "Restauration"), Guid.CreateVersion7()));
    }

    [Theory]
    [InlineData(SessionKind.Workshop)]
    [InlineData(SessionKind.Plenary)]
    [InlineData(SessionKind.Matchmaking)]
    public void A_parallel_workshop_does_not_excuse_a_session_that_is_not_one(SessionKind kind)
    {
        var (cohort, _) = Edition2().With(Session(SessionKind.Workshop, NineThirty, NineThirty.AddHours(2), parallel: true));

        Should.Throw<RuleViolationException>(() =>
                ScheduleSessionHandler.Decide(cohort, Session(kind, NineThirty.AddHours(1), NineThirty.AddHours(3)), Guid.CreateVersion7()))
            .Rule.ShouldBe("sessions-overlap");
    }

    [Fact]
    public void A_cancelled_session_frees_its_slot()
    {
        var (cohort, sessionId) = Edition2().With(Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(3)));
        cohort = cohort.Apply(CancelSessionHandler.Decide(cohort, new CancelSession(CohortId, sessionId, "Intervenant malade")));

        Should.NotThrow(() => ScheduleSessionHandler.Decide(cohort, Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(3)), Guid.CreateVersion7()));
    }

    [Fact]
    public void Moving_a_session_does_not_clash_with_itself_but_with_the_others()
    {
        var (cohort, first) = Edition2().With(Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(2)));
        (cohort, _) = cohort.With(Session(SessionKind.Plenary, NineThirty.AddDays(7), NineThirty.AddDays(7).AddHours(2)));
        var later = Session(SessionKind.Plenary, NineThirty.AddHours(1), NineThirty.AddHours(3));

        ChangeSessionHandler.Decide(cohort, Change(first, later)).ShouldHaveSingleItem().ShouldBeOfType<Achats.Cohorts.Cohorts.SessionChanged>();
        Should.Throw<RuleViolationException>(() =>
            ChangeSessionHandler.Decide(cohort, Change(first, later with { StartsAt = NineThirty.AddDays(7), EndsAt = NineThirty.AddDays(7).AddHours(1) })));
        ChangeSessionHandler.Decide(cohort, Change(first, Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(2)))).ShouldBeEmpty();
    }

    [Fact]
    public void A_session_outside_the_cohort_s_dates_is_refused() =>
        Should.Throw<RuleViolationException>(() => ScheduleSessionHandler.Decide(Edition2(),
                Session(SessionKind.Plenary, new(2021, 12, 18, 9, 0, 0), new(2021, 12, 18, 12, 0, 0)), Guid.CreateVersion7()))
            .Message.ShouldBe("La séance doit se tenir pendant l'édition, du 4 janvier 2021 au 17 décembre 2021.");

    [Fact]
    public void A_session_in_an_unknown_sequence_is_not_found() =>
        Should.Throw<NotFoundException>(() => ScheduleSessionHandler.Decide(Edition2(),
            Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(1)) with { SequenceId = Guid.CreateVersion7() }, Guid.CreateVersion7()));

    [Fact]
    public void Matchmaking_names_its_purchase_categories_and_only_a_workshop_runs_in_parallel()
    {
        var validator = new ScheduleSessionValidator();
        var matchmaking = Session(SessionKind.Matchmaking, NineThirty, NineThirty.AddHours(1)) with { Categories = [] };
        var parallelPlenary = Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(1), parallel: true);

        validator.Validate(matchmaking).Errors.Select(e => e.ErrorMessage).ShouldBe(["Une mise en relation couvre au moins une catégorie d'achat."]);
        validator.Validate(parallelPlenary).Errors.Select(e => e.ErrorMessage).ShouldBe(["Seul un atelier peut se tenir en parallèle d'autres ateliers."]);
    }

    [Fact]
    public void Each_modality_asks_for_where_to_go()
    {
        var validator = new ScheduleSessionValidator();
        var online = Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(1)) with { MeetingLink = null };
        var hybrid = online with { Modality = Modality.Hybrid };

        validator.Validate(online).Errors.Select(e => e.ErrorMessage).ShouldBe(["Une séance en ligne ou hybride a besoin d'un lien de connexion."]);
        validator.Validate(hybrid).Errors.Select(e => e.ErrorMessage).ShouldBe(
            ["Une séance en ligne ou hybride a besoin d'un lien de connexion.", "Une séance en présentiel ou hybride a besoin d'un lieu."], ignoreOrder: true);
        validator.Validate(online with { Modality = Modality.InPerson, Venue = "Hôtel de la Métropole" }).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Times_are_Paris_wall_clock_times_that_exist()
    {
        var validator = new ScheduleSessionValidator();
        var withOffset = Session(SessionKind.Plenary, NineThirty.ToUniversalTime(), NineThirty.AddHours(1));
        var skipped = Session(SessionKind.Plenary, new(2021, 3, 28, 2, 30, 0), new(2021, 3, 28, 4, 0, 0));
        var backwards = Session(SessionKind.Plenary, NineThirty, NineThirty.AddHours(-1));

        validator.Validate(withOffset).Errors.Select(e => e.ErrorMessage).ShouldContain("Donnez l'heure de Paris sans fuseau horaire, par exemple 2021-01-14T09:30.");
        validator.Validate(skipped).Errors.Select(e => e.ErrorMessage).ShouldBe(["Cette heure n'existe pas à Paris ce jour-là (passage à l'heure d'été)."]);
        validator.Validate(backwards).Errors.Select(e => e.ErrorMessage).ShouldBe(["La séance doit finir après son début."]);
    }

    private static ChangeSession Change(Guid sessionId, ScheduleSession to) =>
        new(CohortId, sessionId, to.SequenceId, to.Title, to.Kind, to.StartsAt, to.EndsAt, to.Modality, to.MeetingLink, to.Venue, to.AudienceTag,
            to.Categories, to.Parallel);
}
