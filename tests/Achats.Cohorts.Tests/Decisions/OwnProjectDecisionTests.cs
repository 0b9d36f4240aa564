using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Cohorts.Tests.Decisions.Given;

namespace Achats.Cohorts.Tests.Decisions;

/// <summary>A participant's own project, from their space: staff's decisions and validators, on the carrier's enrolment only.</summary>
public sealed class OwnProjectDecisionTests
{
    private static readonly DateTimeOffset Admission = new(2020, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static UpdateOwnProject Update(Guid enrolmentId, Guid projectId) =>
        new(CohortId, enrolmentId, projectId, 1, "Rénovation de l'école", PurchaseCategory.ConstructionAndPublicWorks, [Theme.Circular], null,
            Milestone.ConsultationPublished, null);

    [Fact]
    public void A_carrier_and_their_binome_update_the_project_and_nobody_else_finds_it()
    {
        var camille = Member(Admission);
        var dominique = Member(Admission, name: "Dominique");
        var declared = DeclarePurchasingProjectHandler.Decide(
            DeclareOwnProjectHandler.AsDeclaration(new DeclareOwnProject(CohortId, camille.Id, "Rénovation de l'école", PurchaseCategory.ConstructionAndPublicWorks,
                [Theme.Circular], null, Milestone.NeedExpressed, null)),
            camille with { PairedWith = dominique.Id }, Guid.CreateVersion7(), Admission);
        var project = PurchasingProject.Create(declared) with { Version = 1 };

        UpdateOwnProjectHandler.Decide(project, Update(camille.Id, project.Id), Admission).ShouldHaveSingleItem().ShouldBeOfType<PurchasingProjectUpdated>();
        UpdateOwnProjectHandler.Decide(project, Update(dominique.Id, project.Id), Admission).ShouldHaveSingleItem();
        Should.Throw<NotFoundException>(() => UpdateOwnProjectHandler.Decide(project, Update(Guid.CreateVersion7(), project.Id), Admission));
    }

    [Fact]
    public void The_own_project_commands_are_refused_by_staff_s_rules_with_the_same_fields()
    {
        var declaration = new DeclareOwnProjectValidator().Validate(new DeclareOwnProject(CohortId, Guid.CreateVersion7(), "", PurchaseCategory.Catering, [], null, null, null));
        var update = new UpdateOwnProjectValidator().Validate(Update(Guid.CreateVersion7(), Guid.CreateVersion7()) with { Version = 0, Title = new string('t', 201) });

        declaration.Errors.Select(error => error.PropertyName).ShouldBe(["Title", "Themes", "Milestone"], ignoreOrder: true);
        declaration.Errors.Single(error => error.PropertyName == "Title").ErrorMessage.ShouldBe("L'intitulé du projet d'achat est obligatoire.");
        update.Errors.Select(error => error.PropertyName).ShouldBe(["Version", "Title"], ignoreOrder: true);
    }
}
