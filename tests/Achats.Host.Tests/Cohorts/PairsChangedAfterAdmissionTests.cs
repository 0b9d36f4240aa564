using Achats.Enrolment.Contracts;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Cohorts.CohortDriver;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Cohorts;

/// <summary>A pair undone and made again after admission: Enrolment says so, the roster follows.</summary>
public sealed class PairsChangedAfterAdmissionTests(ApiWithPairUndoneAndMadeAgain api) : IClassFixture<ApiWithPairUndoneAndMadeAgain>
{
    [Fact]
    public void A_pair_dissolved_after_admission_tells_the_other_modules() =>
        Published<PairDissolved>(api.Dissolution).ShouldHaveSingleItem().ColleagueEnrolmentId.ShouldBe(api.Dominique);

    [Fact]
    public void A_pair_dissolved_after_admission_leaves_nobody_paired_on_the_roster() =>
        api.RosterAfterDissolution.Members.ShouldAllBe(member => member.PairedWith == null);

    [Fact]
    public void A_pair_declared_after_admission_tells_the_other_modules() =>
        Published<PairDeclared>(api.Declaration).ShouldHaveSingleItem().EnrolmentId.ShouldBe(api.Dominique);

    [Fact]
    public async Task A_pair_declared_after_admission_reaches_the_roster()
    {
        var roster = await GetAsync<RosterAnswer>(api.Staff, $"{api.Cohort}/roster");

        roster.Member("Camille").PairedWith.ShouldBe(api.Dominique);
        roster.Member("Dominique").PairedWith.ShouldBe(api.Camille);
    }
}
