using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Cohorts.Roster;
using Achats.Cohorts.WorkingGroups;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

public sealed class ProjectAndGroupDecisionTests
{
    private static readonly DateTimeOffset Admission = new(2020, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static DeclarePurchasingProject Declare(Guid enrolmentId) =>
        new(CohortId, enrolmentId, " Rénovation de l'école ", PurchaseCategory.ConstructionAndPublicWorks, [Theme.Solidarity, Theme.Circular, Theme.Circular],
            new(2021, 6, 1), Milestone.NeedExpressed, "  ");

    [Fact]
    public void A_participant_of_a_pair_declares_the_project_for_both()
    {
        var camille = Member(Admission);
        var dominique = Member(Admission, name: "Dominique");
        camille = camille with { PairedWith = dominique.Id };

        var declared = DeclarePurchasingProjectHandler.Decide(Declare(camille.Id), camille, Guid.CreateVersion7(), Admission.AddDays(40));

        declared.Owners.ShouldBe([camille.Id, dominique.Id]);
        declared.Details.ShouldBe(new ProjectDetails("Rénovation de l'école", PurchaseCategory.ConstructionAndPublicWorks,
            [Theme.Circular, Theme.Solidarity], new(2021, 6, 1), Milestone.NeedExpressed, null));
    }

    [Fact]
    public void Only_a_participant_still_in_this_cohort_carries_a_project()
    {
        var gone = Member(Admission, leftAt: Admission.AddDays(10));
        var elsewhere = Member(Admission) with { CohortId = Guid.CreateVersion7() };

        foreach (var owner in new[] { null, gone, elsewhere })
        {
            Should.Throw<RuleViolationException>(() => DeclarePurchasingProjectHandler.Decide(Declare(owner?.Id ?? Guid.CreateVersion7()), owner,
                Guid.CreateVersion7(), Admission.AddDays(40))).Rule.ShouldBe("not-on-roster");
        }
    }

    [Fact]
    public void An_update_that_changes_nothing_records_nothing()
    {
        var camille = Member(Admission);
        var project = PurchasingProject.Create(DeclarePurchasingProjectHandler.Decide(Declare(camille.Id), camille, Guid.CreateVersion7(), Admission));
        var update = new UpdatePurchasingProject(CohortId, project.Id, project.Version, "Rénovation de l'école", PurchaseCategory.ConstructionAndPublicWorks,
            [Theme.Circular, Theme.Solidarity], new(2021, 6, 1), Milestone.NeedExpressed, null);

        UpdatePurchasingProjectHandler.Decide(project, update, Admission.AddDays(1)).ShouldBeEmpty();
        UpdatePurchasingProjectHandler.Decide(project, update with { Milestone = Milestone.ConsultationPublished }, Admission.AddDays(1))
            .ShouldHaveSingleItem().ShouldBeOfType<PurchasingProjectUpdated>().Details.Milestone.ShouldBe(Milestone.ConsultationPublished);
        Should.Throw<NotFoundException>(() => UpdatePurchasingProjectHandler.Decide(project, update with { CohortId = Guid.CreateVersion7() }, Admission));
    }

    [Fact]
    public void The_report_counts_projects_by_category_theme_and_milestone_zeros_included()
    {
        ProjectDetails Project(PurchaseCategory category, Milestone milestone, params Theme[] themes) => new("Projet", category, themes, null, milestone, null);

        var report = ProjectReport.Of(
        [
            Project(PurchaseCategory.Catering, Milestone.NeedExpressed, Theme.Circular),
            Project(PurchaseCategory.Catering, Milestone.ContractAwarded, Theme.Circular, Theme.Solidarity),
            Project(PurchaseCategory.Cleaning, Milestone.ContractAwarded, Theme.Solidarity),
        ]);

        report.Total.ShouldBe(3);
        report.ByCategory.Count.ShouldBe(Enum.GetValues<PurchaseCategory>().Length);
        report.ByCategory.Single(line => line.Key == "Catering").ShouldBe(new ReportLine("Catering", "Restauration", 2));
        report.ByTheme.Select(line => line.Count).ShouldBe([1, 1, 1]);
        report.ByMilestone.Select(line => (line.Label, line.Count)).ShouldBe(
            [("Besoin exprimé", 1), ("Consultation publiée", 0), ("Marché attribué", 2), ("En cours d'exécution", 0)]);
    }

    [Fact]
    public void A_participant_s_group_category_is_that_of_most_of_their_projects()
    {
        var camille = Member(Admission);
        PurchasingProject Project(PurchaseCategory category, int day) => PurchasingProject.Create(new PurchasingProjectDeclared(Guid.CreateVersion7(), CohortId,
            [camille.Id], new ProjectDetails("Projet", category, [Theme.Circular], null, Milestone.NeedExpressed, null), false, Admission.AddDays(day)));

        ProposeWorkingGroupsHandler.CategoryOf(camille, []).ShouldBeNull();
        ProposeWorkingGroupsHandler.CategoryOf(camille, [Project(PurchaseCategory.Cleaning, 1), Project(PurchaseCategory.Catering, 2)])
            .ShouldBe(PurchaseCategory.Cleaning); // a tie: the earliest declared
        ProposeWorkingGroupsHandler.CategoryOf(camille,
                [Project(PurchaseCategory.Cleaning, 1), Project(PurchaseCategory.Catering, 2), Project(PurchaseCategory.Catering, 3)])
            .ShouldBe(PurchaseCategory.Catering);
    }

    [Fact]
    public void Staff_move_a_participant_with_their_pair_and_the_plan_warns_of_what_is_left_unmet()
    {
        var camille = Member(Admission, Sector.Public);
        var dominique = Member(Admission, Sector.Public, name: "Dominique");
        var claude = Member(Admission, Sector.Private, name: "Claude");
        var alex = Member(Admission, Sector.Private, name: "Alex");
        camille = camille with { PairedWith = dominique.Id };
        dominique = dominique with { PairedWith = camille.Id };
        var roster = new[] { camille, dominique, claude, alex };
        var first = new WorkingGroup(Guid.CreateVersion7(), "Restauration — groupe 1", PurchaseCategory.Catering, [camille.Id, dominique.Id, claude.Id]);
        var second = new WorkingGroup(Guid.CreateVersion7(), "Restauration — groupe 2", PurchaseCategory.Catering, [alex.Id]);
        var plan = WorkingGroupPlan.Create(new WorkingGroupsProposed(WorkingGroupPlan.IdOf(CohortId), CohortId, 2, 3, [first, second]));

        var moved = MoveToWorkingGroupHandler.Decide(plan, roster, new MoveToWorkingGroup(CohortId, dominique.Id, second.Id));
        var after = plan.Apply(moved);

        moved.EnrolmentIds.ShouldBe([dominique.Id, camille.Id]);
        after.GroupOf(camille.Id)!.Id.ShouldBe(second.Id);
        after.Groups.Select(group => group.Members.Count).ShouldBe([1, 3]);
        WorkingGroupChecks.Warnings(after, roster).ShouldBe(
        [
            "Le groupe « Restauration — groupe 1 » compte 1 participant(s), moins que le minimum de 2.",
            "Le groupe « Restauration — groupe 1 » ne réunit que des acheteurs privés.",
        ]);
        Should.Throw<ConflictException>(() => MoveToWorkingGroupHandler.Decide(after, roster, new MoveToWorkingGroup(CohortId, camille.Id, second.Id)));
        Should.Throw<NotFoundException>(() => MoveToWorkingGroupHandler.Decide(after, roster, new MoveToWorkingGroup(CohortId, camille.Id, Guid.CreateVersion7())));
        var unplaced = after.Apply(MoveToWorkingGroupHandler.Decide(after, roster, new MoveToWorkingGroup(CohortId, alex.Id, null)));
        WorkingGroupChecks.Warnings(unplaced, roster).ShouldContain("Sans groupe : Alex Durand.");
    }

    [Fact]
    public void A_binome_admitted_after_the_proposal_joins_their_colleague_s_group()
    {
        var camille = Member(Admission);
        var late = Member(Admission.AddDays(30), name: "Dominique") with { PairedWith = camille.Id };
        camille = camille with { PairedWith = late.Id };
        var group = new WorkingGroup(Guid.CreateVersion7(), "Restauration — groupe 1", PurchaseCategory.Catering, [camille.Id]);
        var plan = WorkingGroupPlan.Create(new WorkingGroupsProposed(WorkingGroupPlan.IdOf(CohortId), CohortId, 2, 8, [group]));

        var moved = MoveToWorkingGroupHandler.Decide(plan, [camille, late], new MoveToWorkingGroup(CohortId, camille.Id, group.Id));

        plan.Apply(moved).Groups.ShouldHaveSingleItem().Members.ShouldBe([camille.Id, late.Id], ignoreOrder: true);
    }
}
