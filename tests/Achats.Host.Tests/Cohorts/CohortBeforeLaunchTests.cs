using Achats.Cohorts.Contracts;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>Before the launch: dates moved, three participants admitted by Enrolment, the programme scheduled.</summary>
public sealed class CohortBeforeLaunchTests(ApiWithScheduledProgramme api) : IClassFixture<ApiWithScheduledProgramme>
{
    [Fact]
    public async Task A_cohort_whose_registration_window_includes_today_is_open_for_registration() =>
        (await GetAsync<CohortAnswer>(api.Staff, api.Cohort)).Status.ShouldBe("RegistrationOpen");

    [Fact]
    public void Dates_changed_before_the_launch_tell_the_other_modules_a_year_from_the_new_start() =>
        Published<Achats.Cohorts.Contracts.CohortDatesChanged>(api.DatesChange).ShouldHaveSingleItem().EndsOn.ShouldBe(api.StartsOn.AddYears(1).AddDays(-1));

    [Fact]
    public async Task The_registration_form_follows_the_changed_window()
    {
        using var anonymous = api.CreateClient();

        var open = await GetAsync<List<OpenCohortAnswer>>(anonymous, "/api/enrolment/v1/open-cohorts");

        open.Single(listed => listed.Id == api.CohortId).RegistrationClosesOn.ShouldBe(api.Today.AddDays(35));
    }

    [Fact]
    public void An_admission_by_enrolment_tells_the_cohort_who_joined() =>
        Published<ParticipantJoinedCohort>(api.CamilleAdmission).ShouldHaveSingleItem().EnrolmentId.ShouldBe(api.Camille);

    [Fact]
    public async Task The_roster_counts_every_admitted_participant_with_their_sector()
    {
        var roster = await GetAsync<RosterAnswer>(api.Staff, $"{api.Cohort}/roster");

        roster.MemberCount.ShouldBe(3);
        roster.Member("Claude").Sector.ShouldBe("Private");
    }

    [Fact]
    public async Task A_pair_of_one_public_body_is_on_the_roster_each_naming_the_other()
    {
        var roster = await GetAsync<RosterAnswer>(api.Staff, $"{api.Cohort}/roster");

        roster.Member("Camille").PairedWith.ShouldBe(api.Dominique);
        roster.Member("Dominique").PairedWith.ShouldBe(api.Camille);
    }

    [Fact]
    public async Task Each_project_named_at_pre_registration_is_one_of_the_cohort_s_projects()
    {
        var projects = await GetAsync<ProjectsAnswer>(api.Staff, $"{api.Cohort}/projects");

        projects.Projects.Count.ShouldBe(3);
        projects.Report.Total.ShouldBe(3);
    }

    [Fact]
    public async Task A_plenary_overlapping_another_plenary_is_refused()
    {
        var day = api.PlenaryDay;

        (await RefusedAsync(api.Staff, HttpMethod.Post, $"{api.Cohort}/sessions",
            Session(api.SequenceId, "Plénière en trop", "Plenary", day.AddHours(11), day.AddHours(13))))
            .ShouldBe("urn:achats:problem:sessions-overlap");
    }

    [Fact]
    public void A_matchmaking_session_tells_the_other_modules_its_categories_and_audience()
    {
        var scheduled = Published<Achats.Cohorts.Contracts.SessionScheduled>(api.MatchmakingScheduling).ShouldHaveSingleItem();

        scheduled.Categories.ShouldBe([PurchaseCategory.Catering, PurchaseCategory.Cleaning]);
        scheduled.AudienceTag.ShouldBe("Élus en début de mandat");
    }

    [Fact]
    public void A_cancelled_session_tells_the_other_modules()
    {
        var scheduled = Published<Achats.Cohorts.Contracts.SessionScheduled>(api.MatchmakingScheduling).ShouldHaveSingleItem();

        Published<Achats.Cohorts.Contracts.SessionCancelled>(api.MatchmakingCancellation).ShouldHaveSingleItem().SessionId.ShouldBe(scheduled.SessionId);
    }

    [Fact]
    public async Task The_programme_keeps_a_cancelled_session_with_its_reason()
    {
        var sessions = (await GetAsync<CohortAnswer>(api.Staff, api.Cohort)).Sequences[0].Sessions;

        sessions.Count.ShouldBe(4);
        sessions[3].CancellationReason.ShouldBe("Salle indisponible");
    }

    [Fact]
    public async Task The_programme_gives_times_in_Paris()
    {
        var sessions = (await GetAsync<CohortAnswer>(api.Staff, api.Cohort)).Sequences[0].Sessions;

        sessions[0].StartsAt.ShouldStartWith($"{api.StartsOn.AddDays(1):yyyy-MM-dd}T09:30:00+0");
    }

    [Fact]
    public async Task A_cohort_is_not_launched_before_its_first_day() =>
        (await RefusedAsync(api.Staff, HttpMethod.Post, $"{api.Cohort}/launch", null)).ShouldBe("urn:achats:problem:cohort-not-started");
}
