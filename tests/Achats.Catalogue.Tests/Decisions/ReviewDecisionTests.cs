using Achats.Catalogue.Review;
using Achats.Catalogue.Solutions;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Catalogue.Tests.Decisions.Given;

namespace Achats.Catalogue.Tests.Decisions;

/// <summary>Which step of a solution allows which staff decision, and what each decides.</summary>
public sealed class ReviewDecisionTests
{
    private static readonly DateTimeOffset Now = Monday.AddDays(5);

    private static Solution AskedForChanges(Solution solution) =>
        solution.Apply(new ChangesRequested(solution.Id, "Précisez vos références.", Monday.AddDays(2)));

    private static Solution Edited(Solution published) =>
        published.Apply(new SolutionRevised(published.Id, Content("Mobilier réemployé et reconditionné"), Monday.AddDays(3)));

    [Fact]
    public void A_submission_awaiting_review_is_published()
    {
        var solution = Submitted();

        var events = PublishSolutionHandler.Decide(solution, Now);

        events.ShouldBe([new SolutionPublished(solution.Id, Now)]);
    }

    [Fact]
    public void A_published_solutions_edit_awaiting_review_is_published_in_place_of_the_approved_version()
    {
        var edited = Edited(Published());

        var events = PublishSolutionHandler.Decide(edited, Now);

        var approved = edited.Apply((SolutionPublished)events.Single());
        approved.Published!.Solution.Title.ShouldBe("Mobilier réemployé et reconditionné");
    }

    [Fact]
    public void Only_what_awaits_review_is_published()
    {
        foreach (var solution in new[] { AskedForChanges(Submitted()), Published(), Refused(), Unpublished() })
        {
            var refusal = Should.Throw<RuleViolationException>(() => PublishSolutionHandler.Decide(solution, Now));
            refusal.Rule.ShouldBe("solution-step");
            refusal.Message.ShouldStartWith("Seule une version en attente de relecture peut être publiée");
        }
    }

    [Fact]
    public void Changes_are_asked_on_a_version_awaiting_review_with_the_message()
    {
        var solution = Submitted();

        var events = RequestChangesHandler.Decide(solution, "Ajoutez une référence publique.", Now);

        events.ShouldBe([new ChangesRequested(solution.Id, "Ajoutez une référence publique.", Now)]);
    }

    [Fact]
    public void Asking_changes_on_a_published_solutions_edit_keeps_it_online_in_its_approved_version()
    {
        var edited = Edited(Published(Content("Mobilier réemployé")));

        var asked = edited.Apply((ChangesRequested)RequestChangesHandler.Decide(edited, "Le titre est trop long.", Now).Single());

        asked.IsPublished.ShouldBeTrue();
        asked.Published!.Solution.Title.ShouldBe("Mobilier réemployé");
        SolutionLabels.Of(asked.Status, asked.IsPublished).ShouldBe("Modifications demandées (la version publiée reste en ligne)");
    }

    [Fact]
    public void Changes_are_not_asked_twice_nor_on_a_solution_without_a_version_to_review()
    {
        foreach (var solution in new[] { AskedForChanges(Submitted()), Published(), Refused(), Unpublished() })
        {
            Should.Throw<RuleViolationException>(() => RequestChangesHandler.Decide(solution, "Encore.", Now)).Rule.ShouldBe("solution-step");
        }
    }

    [Fact]
    public void A_solution_never_published_is_refused_while_it_awaits_review_or_changes()
    {
        foreach (var solution in new[] { Submitted(), AskedForChanges(Submitted()) })
        {
            RefuseSolutionHandler.Decide(solution, "Hors du champ du catalogue.", Now)
                .ShouldBe([new SolutionRefused(solution.Id, "Hors du champ du catalogue.", Now)]);
        }
    }

    [Fact]
    public void A_published_solution_is_not_refused_but_unpublished()
    {
        foreach (var solution in new[] { Published(), Edited(Published()), AskedForChanges(Edited(Published())) })
        {
            var refusal = Should.Throw<RuleViolationException>(() => RefuseSolutionHandler.Decide(solution, "Non.", Now));
            refusal.Rule.ShouldBe("solution-published");
            refusal.Message.ShouldContain("retirez-la du catalogue");
        }
    }

    [Fact]
    public void A_refused_solution_is_not_refused_again()
    {
        Should.Throw<RuleViolationException>(() => RefuseSolutionHandler.Decide(Refused(), "Encore.", Now)).Rule.ShouldBe("solution-step");
    }

    [Fact]
    public void A_published_solution_is_unpublished_even_while_an_edit_waits_and_the_edit_goes_with_it()
    {
        var edited = Edited(Published());

        var events = UnpublishSolutionHandler.Decide(edited, "Le fournisseur a cessé son activité.", Now);

        events.ShouldBe([new SolutionUnpublished(edited.Id, "Le fournisseur a cessé son activité.", Now)]);
        var unpublished = edited.Apply((SolutionUnpublished)events.Single());
        unpublished.IsPublished.ShouldBeFalse();
        unpublished.AwaitsReview.ShouldBeFalse();
    }

    [Fact]
    public void Only_a_published_solution_is_unpublished()
    {
        foreach (var solution in new[] { Submitted(), AskedForChanges(Submitted()), Refused(), Unpublished() })
        {
            var refusal = Should.Throw<RuleViolationException>(() => UnpublishSolutionHandler.Decide(solution, "Non.", Now));
            refusal.Message.ShouldStartWith("Seule une solution publiée peut être retirée du catalogue");
        }
    }

    private static Solution Refused()
    {
        var solution = Submitted();
        return solution.Apply(new SolutionRefused(solution.Id, "Hors du champ.", Monday.AddDays(1)));
    }

    private static Solution Unpublished()
    {
        var solution = Published();
        return solution.Apply(new SolutionUnpublished(solution.Id, "Cessation d'activité.", Monday.AddDays(2)));
    }
}
