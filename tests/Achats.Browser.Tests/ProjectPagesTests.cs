using Achats.Charter.Charters;
using Achats.Browser.Tests.Year;
using Achats.Cohorts.Contracts;
using Achats.Cohorts.Projects;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The purchasing projects as staff follow them: the list, a declaration, a project moved on, the impact report.</summary>
public sealed class ProjectPagesTests(ProjectPagesTests.WithAdmittedParticipants app, Chromium chromium)
    : IClassFixture<ProjectPagesTests.WithAdmittedParticipants>
{
    [Fact]
    public async Task Staff_declare_a_project_find_it_in_the_list_move_it_on_and_see_it_in_the_report()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var before = await ProjectSteps.ReportAsync(page, app.CohortId, "étape");

        var projectId = await ProjectSteps.DeclareAsync(page, app.CohortId, "Camille Durand", "Restauration scolaire bio et locale", "Restauration",
            ["Économie circulaire", "Économie sociale et solidaire"], "Besoin exprimé", app.Clock.TodayInParis().AddMonths(5));
        await Look.AtAsync(page, "projet");

        await page.GotoAsync($"/projets?edition={app.CohortId}");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Restauration scolaire bio et locale" });
        (await row.InnerTextAsync()).ShouldContain("Camille Durand, Dominique Durand");
        await Look.AtAsync(page, "projets");
        await page.GetByLabel("Catégorie d'achat").SelectOptionAsync(new SelectOptionValue { Label = "Restauration" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer la liste" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("categorie=Catering", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync()).ShouldBe("1 projet");

        await ProjectSteps.AdvanceAsync(page, app.CohortId, projectId, "Consultation publiée");
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain("Étape : Besoin exprimé → Consultation publiée");
        await Look.AtAsync(page, "projet-mis-a-jour");

        var after = await ProjectSteps.ReportAsync(page, app.CohortId, "étape");
        after["Consultation publiée"].ShouldBe(before["Consultation publiée"] + 1);
        (await ProjectSteps.ReportAsync(page, app.CohortId, "enjeu"))["Les deux"].ShouldBeGreaterThanOrEqualTo(1);
        await Look.AtAsync(page, "bilan");
    }

    [Fact]
    public async Task A_declaration_without_title_or_theme_is_refused_beside_the_fields()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/projets/nouveau?edition={app.CohortId}");
        await Look.AtAsync(page, "projet-nouveau");
        await page.GetByLabel("Participant qui porte le projet").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Intitulé du projet").FillAsync("   "); // past the browser's own check: the server's is the one that counts
        await page.GetByLabel("Catégorie d'achat").SelectOptionAsync(new SelectOptionValue { Label = "Mobilier" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer le projet" }).ClickAsync();

        await page.Locator("#title-erreur").WaitForAsync();
        (await page.Locator("#title-erreur").InnerTextAsync()).ShouldContain("L'intitulé du projet d'achat est obligatoire.");
        (await page.Locator("#themes-erreur").InnerTextAsync()).ShouldContain("Choisissez au moins un enjeu");
        (await page.GetByLabel("Catégorie d'achat").InputValueAsync()).ShouldBe("Furniture");
        await Look.AtAsync(page, "projet-nouveau-refus");
    }

    [Fact]
    public async Task Two_staff_members_updating_at_once_one_wins_and_the_other_is_told_in_French()
    {
        var projectId = app.Projects[0];
        var first = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var second = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await first.GotoAsync($"/projets/{projectId}?edition={app.CohortId}");
        await second.GotoAsync($"/projets/{projectId}?edition={app.CohortId}");

        await first.GetByLabel("Étape", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Marché attribué" });
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les changements" }).ClickAsync();
        await first.GetByRole(AriaRole.Status).WaitForAsync();
        await second.GetByLabel("Notes").FillAsync("Relance du fournisseur prévue.");
        await second.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les changements" }).ClickAsync();

        (await second.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("modifié");
        (await second.GetByRole(AriaRole.Link, new() { Name = "Recharger la page pour voir la dernière version" }).CountAsync()).ShouldBe(1);
        (await second.Locator(".badge").InnerTextAsync()).ShouldBe("Marché attribué");
        await Look.AtAsync(second, "projet-conflit");
    }

    [Fact]
    public async Task An_auditor_reads_the_projects_and_the_report_and_sees_no_form()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync($"/projets/{app.Projects[1]}?edition={app.CohortId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Historique", Exact = true }).WaitForAsync();
        (await page.Locator("main form").CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "projet-audit");

        await page.GotoAsync($"/projets?edition={app.CohortId}");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Déclarer un projet d'achat" }).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task The_report_of_a_cohort_without_projects_says_so_in_words()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var empty = await app.OpenCohortAsync("Édition sans projet");

        (await ProjectSteps.ReportAsync(page, empty, "catégorie")).ShouldBeEmpty();
        await Look.AtAsync(page, "bilan-vide");
    }

    /// <summary>
    /// An open edition, its charter published, and three participants admitted through Enrolment and Charter (Camille
    /// and Dominique Durand of Montreuil, a pair; Claude Petit of a company), carrying projects of several kinds.
    /// </summary>
    public sealed class WithAdmittedParticipants(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public List<Guid> Projects { get; } = [];

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(CohortId, "Charte d'engagement",
                "Les participants s'engagent pendant toute l'édition.", ["Participer aux séances plénières."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(CohortId));
            var montreuil = Sirens.Next();
            var camille = await AdmitAsync("Camille", "Durand", new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, montreuil, "93048"));
            var dominique = await AdmitAsync("Dominique", "Durand", new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, montreuil, "93048"), camille);
            var claude = await AdmitAsync("Claude", "Petit", new OrganisationDetails("Établissement public territorial Est Ensemble", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93055"));
            var today = Clock.TodayInParis();
            foreach (var (owner, title, category, themes, milestone) in new (Guid, string, PurchaseCategory, Theme[], Milestone)[]
            {
                (claude, "Réemploi du mobilier de bureau", PurchaseCategory.Furniture, [Theme.Circular], Milestone.NeedExpressed),
                (claude, "Reconditionnement du parc informatique", PurchaseCategory.ItEquipment, [Theme.Circular], Milestone.ConsultationPublished),
                (dominique, "Nettoyage des locaux par une entreprise d'insertion", PurchaseCategory.Cleaning, [Theme.Solidarity], Milestone.ContractAwarded),
                (claude, "Collecte et valorisation des biodéchets", PurchaseCategory.WasteManagement, [Theme.Circular, Theme.Solidarity], Milestone.UnderWay),
            })
            {
                Projects.Add((await InvokeTrackedAsync<ProjectChanged>(new DeclarePurchasingProject(CohortId, owner, title, category, themes, today.AddMonths(3), milestone, null))).ProjectId);
            }
        }

        private Task<Guid> AdmitAsync(string firstName, string lastName, OrganisationDetails organisation, Guid? pairWith = null) =>
            AdmitAsync(CohortId, firstName, lastName, Profile.PublicBuyer, organisation, pairWith: pairWith);
    }
}
