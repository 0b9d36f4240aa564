using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>Closed after its launch: the programme no longer changes.</summary>
public sealed class ClosedCohortTests(ApiWithClosedCohort api) : IClassFixture<ApiWithClosedCohort>
{
    [Fact]
    public void A_closure_tells_the_other_modules() =>
        Published<Achats.Cohorts.Contracts.CohortClosed>(api.Closure).ShouldHaveSingleItem();

    [Fact]
    public async Task A_closed_cohort_says_so() =>
        (await GetAsync<CohortAnswer>(api.Staff, api.Cohort)).Status.ShouldBe("Closed");

    [Fact]
    public async Task A_closed_cohort_s_programme_no_longer_changes() =>
        (await RefusedAsync(api.Staff, HttpMethod.Post, $"{api.Cohort}/sequences", new { title = "Bilan" })).ShouldBe("urn:achats:problem:cohort-closed");

    [Fact]
    public async Task A_closed_cohort_s_attendance_is_frozen()
    {
        (await RefusedAsync(api.Staff, HttpMethod.Put, $"{api.Cohort}/sessions/{api.Plenary}/attendance", Sheet((api.Camille, "Present"))))
            .ShouldBe("urn:achats:problem:cohort-closed");
        (await api.Staff.GetStringAsync($"/presence/{api.Plenary}?edition={api.CohortId}", TestContext.Current.CancellationToken))
            .ShouldContain("ses présences sont figées");
    }
}
