using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>Launched on its first day, the plenary of the next day not begun.</summary>
public sealed class LaunchedCohortTests(ApiWithLaunchedCohort api) : IClassFixture<ApiWithLaunchedCohort>
{
    [Fact]
    public void The_launch_tells_the_other_modules_every_member() =>
        Published<Achats.Cohorts.Contracts.CohortLaunched>(api.Launch).ShouldHaveSingleItem()
            .MemberEnrolmentIds.ShouldBe([api.Camille, api.Dominique, api.Claude], ignoreOrder: true);

    [Fact]
    public async Task A_launched_cohort_s_dates_are_fixed() =>
        (await RefusedAsync(api.Staff, HttpMethod.Put, $"{api.Cohort}/dates", new
        {
            registrationOpensOn = api.Today.AddDays(-10), registrationClosesOn = api.Today.AddDays(35), startsOn = api.StartsOn.AddDays(7), reason = "Trop tard",
        })).ShouldBe("urn:achats:problem:dates-frozen");

    [Fact]
    public async Task Attendance_is_not_taken_before_the_session_begins() =>
        (await RefusedAsync(api.Staff, HttpMethod.Put, $"{api.Cohort}/sessions/{api.Plenary}/attendance", Sheet((api.Camille, "Present"))))
            .ShouldBe("urn:achats:problem:session-not-started");
}
