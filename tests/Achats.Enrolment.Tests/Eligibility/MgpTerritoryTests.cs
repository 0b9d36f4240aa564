using Achats.Enrolment.Eligibility;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Eligibility;

public sealed class MgpTerritoryTests
{
    private static readonly string[] ReferenceCodes = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Eligibility", "Data", "mgp-communes.csv"))
        .Skip(1)
        .Select(line => line.Split(';')[0])
        .ToArray();

    [Fact]
    public void Every_commune_of_the_reference_list_is_in_the_territory()
    {
        ReferenceCodes.Length.ShouldBe(151);
        ReferenceCodes.Where(code => !MgpTerritory.Contains(code)).ShouldBeEmpty();
    }

    [Fact]
    public void The_seven_communes_outside_92_93_94_are_in_and_their_neighbours_are_not()
    {
        MgpTerritory.CommunesOutsideTheInnerDepartments.ShouldAllBe(code => ReferenceCodes.Contains(code));
        MgpTerritory.CommunesOutsideTheInnerDepartments.Count.ShouldBe(7);
        MgpTerritory.Contains("95018").ShouldBeTrue(); // Argenteuil
        MgpTerritory.Contains("91687").ShouldBeTrue(); // Viry-Châtillon
    }

    [Theory]
    [InlineData("95019")] // Arnouville, beside Argenteuil's department
    [InlineData("91228")] // Évry-Courcouronnes
    [InlineData("77288")] // Meaux
    [InlineData("78646")] // Versailles
    [InlineData("75121")] // no 21st arrondissement
    [InlineData("75100")]
    [InlineData("69123")] // Lyon
    [InlineData("2A004")] // Ajaccio
    [InlineData("9201")]
    [InlineData("")]
    public void A_code_outside_the_territory_or_malformed_is_not_in(string code) => MgpTerritory.Contains(code).ShouldBeFalse();
}
