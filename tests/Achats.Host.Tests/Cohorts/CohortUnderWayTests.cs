using Achats.Cohorts.Contracts;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>Under way: the plenary's attendance taken and corrected, a second project declared, working groups published.</summary>
public sealed class CohortUnderWayTests(ApiWithCohortUnderWay api) : IClassFixture<ApiWithCohortUnderWay>
{
    [Fact]
    public void A_sheet_records_a_mark_for_each_participant() => api.Sheet.Changed.ShouldBe(3);

    [Fact]
    public void A_correction_changes_one_mark() => api.Correction.Changed.ShouldBe(1);

    [Fact]
    public async Task A_sheet_naming_someone_off_the_roster_is_refused_and_writes_nothing()
    {
        (await RefusedAsync(api.Staff, HttpMethod.Put, api.Attendance, Sheet((api.Camille, "Absent"), (Guid.CreateVersion7(), "Present"))))
            .ShouldBe("urn:achats:problem:not-on-roster");

        (await GetAsync<AttendanceAnswer>(api.Staff, $"{api.Cohort}/attendance")).Of(api.Camille).Rate.ShouldBe(1.0);
    }

    [Fact]
    public async Task An_absence_from_the_plenary_flags_the_participant()
    {
        var rates = await GetAsync<AttendanceAnswer>(api.Staff, $"{api.Cohort}/attendance");

        rates.Of(api.Dominique).BelowThreshold.ShouldBeTrue();
        rates.FlaggedCount.ShouldBe(1);
    }

    [Fact]
    public async Task The_dashboard_shows_staff_who_is_below_the_attendance_threshold()
    {
        var dashboard = await api.Staff.GetStringAsync($"/tableau-de-bord?edition={api.CohortId}", TestContext.Current.CancellationToken);

        dashboard.ShouldContain("Assiduité aux plénières sous le seuil de 75");
        dashboard.ShouldContain($"/inscriptions/{api.Dominique}");
        dashboard.ShouldNotContain($"/inscriptions/{api.Claude}\"");
    }

    [Fact]
    public async Task An_excused_absence_does_not_count_against_the_participant()
    {
        var claude = (await GetAsync<AttendanceAnswer>(api.Staff, $"{api.Cohort}/attendance")).Of(api.Claude);

        claude.Excused.ShouldBe(1);
        claude.BelowThreshold.ShouldBeFalse();
    }

    [Fact]
    public async Task The_project_report_counts_a_declared_project_by_category_theme_and_milestone()
    {
        var report = (await GetAsync<ProjectsAnswer>(api.Staff, $"{api.Cohort}/projects")).Report;

        report.Total.ShouldBe(4);
        Count(report.ByCategory, "ConstructionAndPublicWorks").ShouldBe(3);
        Count(report.ByCategory, "Catering").ShouldBe(1);
        Count(report.ByTheme, "Both").ShouldBe(3);
        Count(report.ByTheme, "Solidarity").ShouldBe(1);
        Count(report.ByMilestone, "ConsultationPublished").ShouldBe(1);
        Count(report.ByMilestone, "NeedExpressed").ShouldBe(3);
    }

    [Fact]
    public void Proposed_working_groups_keep_the_pair_together()
    {
        api.Proposal.Groups.ShouldHaveSingleItem().Members.Count.ShouldBe(3);
        api.Proposal.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_participant_moved_out_of_a_group_takes_their_binome_along() =>
        api.AfterCamilleMovedOut.Unassigned.Select(member => member.EnrolmentId).ShouldBe([api.Camille, api.Dominique], ignoreOrder: true);

    [Fact]
    public void Published_working_groups_tell_the_other_modules_their_members() =>
        Published<WorkingGroupsPublished>(api.GroupsPublication).ShouldHaveSingleItem().Groups.ShouldHaveSingleItem()
            .MemberEnrolmentIds.ShouldBe([api.Camille, api.Dominique, api.Claude], ignoreOrder: true);
}
