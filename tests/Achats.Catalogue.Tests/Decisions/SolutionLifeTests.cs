using Achats.Catalogue.Solutions;
using Shouldly;
using Xunit;
using static Achats.Catalogue.Tests.Decisions.Given;

namespace Achats.Catalogue.Tests.Decisions;

public sealed class SolutionLifeTests
{
    [Fact]
    public void A_confirmed_submission_waits_for_review_and_is_not_in_the_catalogue()
    {
        var solution = Submitted();

        solution.Status.ShouldBe(SolutionStatus.AwaitingReview);
        solution.AwaitsReview.ShouldBeTrue();
        solution.IsPublished.ShouldBeFalse();
    }

    [Fact]
    public void A_published_solution_edited_by_its_supplier_stays_online_in_its_approved_version_until_the_edit_is_approved()
    {
        var published = Published(Content("Mobilier réemployé"));

        var edited = published.Apply(new SolutionRevised(published.Id, Content("Mobilier réemployé et reconditionné"), Monday.AddDays(3)));

        edited.AwaitsReview.ShouldBeTrue();
        edited.Published!.Solution.Title.ShouldBe("Mobilier réemployé");
        edited.Draft.Solution.Title.ShouldBe("Mobilier réemployé et reconditionné");
        SolutionLabels.Of(edited.Status, edited.IsPublished).ShouldBe("Modification à relire (la version publiée reste en ligne)");

        var approved = edited.Apply(new SolutionPublished(edited.Id, Monday.AddDays(4)));
        approved.Published!.Solution.Title.ShouldBe("Mobilier réemployé et reconditionné");
        approved.PublishedAt.ShouldBe(Monday.AddDays(4));
    }

    [Fact]
    public void An_unpublished_solution_leaves_the_catalogue_with_its_reason()
    {
        var published = Published();

        var unpublished = published.Apply(new SolutionUnpublished(published.Id, "Le fournisseur a cessé son activité.", Monday.AddDays(9)));

        unpublished.IsPublished.ShouldBeFalse();
        unpublished.Status.ShouldBe(SolutionStatus.Unpublished);
        unpublished.Reason.ShouldBe("Le fournisseur a cessé son activité.");
    }
}
