using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The catalogue's review queue and a solution's staff page, as programme staff use them.</summary>
public sealed class CatalogueReviewPagesTests(CatalogueReviewPagesTests.WithSolutions app, Chromium chromium)
    : IClassFixture<CatalogueReviewPagesTests.WithSolutions>
{
    [Fact]
    public async Task Staff_see_the_queue_oldest_sent_first_and_each_step_behind_its_link()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Relecture du catalogue", Exact = true }).WaitForAsync();
        // The other test of the class may have published the first one already: the order is checked on the two that stay.
        var queue = await page.Locator("tbody").InnerTextAsync();
        queue.ShouldContain("Nettoyage écologique des locaux");
        queue.IndexOf("Nettoyage écologique des locaux", StringComparison.Ordinal).ShouldBeLessThan(queue.IndexOf("Traiteur solidaire pour vos événements", StringComparison.Ordinal));
        queue.ShouldNotContain("Vélos reconditionnés pour les agents");
        await Look.AtAsync(page, "catalogue-relecture");

        await page.GetByRole(AriaRole.Link, new() { Name = "Publiée" }).ClickAsync();
        (await page.Locator("tbody").InnerTextAsync()).ShouldContain("Vélos reconditionnés pour les agents");
        await Look.AtAsync(page, "catalogue-relecture-publiees");
    }

    [Fact]
    public async Task Staff_ask_for_changes_then_publish_the_supplier_s_new_version_and_the_timeline_grows()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/catalogue/relecture/{app.Furniture}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Collecte et réemploi de mobilier de bureau", Exact = false }).First.WaitForAsync();
        await Look.AtAsync(page, "catalogue-solution");

        await page.GetByText("Demander des modifications").First.ClickAsync();
        await page.GetByLabel("Ce qu'il faut modifier").FillAsync("   "); // past the browser's own check: the server's is the one that counts
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        (await page.GetByText("Dites ce qu'il faut modifier").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "catalogue-solution-sans-message");
        await page.GetByLabel("Ce qu'il faut modifier").FillAsync("Indiquez les départements où vous livrez et une référence publique récente.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Demande de modifications envoyée");
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Modifications demandées");

        await app.ReviseAsync(app.Furniture, "Des bureaux et sièges remis en état, livrés et installés en Île-de-France.");
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier cette version" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Version publiée");
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Publiée");
        var timeline = await page.Locator(".timeline").InnerTextAsync();
        timeline.ShouldContain("Modifications demandées au fournisseur");
        timeline.ShouldContain("Nouvelle version envoyée par le fournisseur");
        timeline.ShouldContain("Alice Martin (Équipe du programme");
        timeline.ShouldContain("contact@ateliers-reemploi.example (fournisseur)");
        await Look.AtAsync(page, "catalogue-solution-publiee");
    }

    [Fact]
    public async Task A_published_solution_s_edit_shows_what_it_changes_and_its_decisions()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await page.GotoAsync($"/catalogue/relecture/{app.CateringEdited}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Ce que la modification change" }).WaitForAsync();
        (await page.Locator(".changed-fields").InnerTextAsync()).ShouldContain("Résumé");
        (await page.GetByText("Refuser la solution").CountAsync()).ShouldBe(0);
        await page.GetByText("Voir la version publiée").ClickAsync();
        await Look.AtAsync(page, "catalogue-solution-modification");
    }

    public sealed class WithSolutions(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid Furniture { get; private set; }

        public Guid CateringEdited { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Furniture = await this.AwaitingReviewAsync(Content(
                "Collecte et réemploi de mobilier de bureau", "contact@ateliers-reemploi.example", [PurchaseCategory.Furniture]));
            Clock.Advance(TimeSpan.FromHours(2));
            await this.AwaitingReviewAsync(Content("Nettoyage écologique des locaux", "bonjour@proprete-solidaire.example", [PurchaseCategory.Cleaning]));
            Clock.Advance(TimeSpan.FromHours(2));
            CateringEdited = await this.AwaitingReviewAsync(Content(
                "Traiteur solidaire pour vos événements", "cuisine@traiteur-insertion.example", [PurchaseCategory.Catering]));
            await AppendAsync(CateringEdited, new SolutionPublished(CateringEdited, Clock.GetUtcNow()));
            var bicycles = await this.AwaitingReviewAsync(Content("Vélos reconditionnés pour les agents", "atelier@velos-solidaires.example", [PurchaseCategory.VehiclesAndMobility]));
            await AppendAsync(bicycles, new SolutionPublished(bicycles, Clock.GetUtcNow()));
            await ReviseAsync(CateringEdited, "Buffets et plateaux repas cuisinés par des salariés en insertion, en circuit court.");
        }

        /// <summary>The supplier sends a new version of their latest one, its summary rewritten, as the submission slice appends it.</summary>
        public async Task ReviseAsync(Guid solutionId, string summary)
        {
            await using var session = Store.QuerySession();
            var draft = (await session.LoadAsync<Solution>(solutionId))!.Draft;
            await AppendAsync(solutionId, new SolutionRevised(solutionId, draft with { Solution = draft.Solution with { Summary = summary } }, Clock.GetUtcNow()));
        }

        // Appended as the aggregate workflow appends, the stream's version known, so the inline document carries it.
        private async Task AppendAsync(Guid solutionId, object change)
        {
            await using var session = Store.LightweightSession();
            (await session.Events.FetchForWriting<Solution>(solutionId)).AppendOne(change);
            await session.SaveChangesAsync();
        }

        private static SolutionContent Content(string title, string contact, IReadOnlyList<PurchaseCategory>? categories) =>
            CatalogueSolutions.Content(title, contact, categories,
                "## Notre démarche\n\nNous **collectons**, remettons en état et livrons. Chaque commande emploie des salariés en parcours d'insertion.\n\n- Diagnostic gratuit\n- Livraison et installation");
    }
}
