using Achats.Catalogue.Review;
using Shouldly;
using Xunit;
using static Achats.Catalogue.Tests.Decisions.Given;

namespace Achats.Catalogue.Tests.Decisions;

public sealed class SolutionChangesTests
{
    [Fact]
    public void An_edit_names_the_fields_it_changes_in_the_forms_order()
    {
        var published = Content("Mobilier réemployé");
        var edited = published with
        {
            Solution = Content("Mobilier réemployé et reconditionné").Solution with { Departements = ["75", "93", "94"] },
            Contact = published.Contact with { Phone = null },
        };

        SolutionChanges.Between(published, edited).ShouldBe(["Téléphone du contact", "Titre", "Départements desservis"]);
    }

    [Fact]
    public void The_same_content_read_twice_changes_nothing()
    {
        SolutionChanges.Between(Content(), Content()).ShouldBeEmpty();
    }
}
