using Achats.Catalogue.Solutions;
using Achats.Cohorts.Contracts;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The public catalogue: a visitor searches, filters, pages and opens a solution, with the keyboard.</summary>
public sealed class CatalogueSearchPagesTests(CatalogueSearchPagesTests.WithCatalogue app, Chromium chromium) : IClassFixture<CatalogueSearchPagesTests.WithCatalogue>
{
    [Fact]
    public async Task A_visitor_searches_filters_and_opens_a_solution_and_never_reads_its_contact()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/catalogue");
        await page.GetByRole(AriaRole.Heading, new() { Name = "24 solutions" }).WaitForAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de résultats" }).GetByText("Page 1 sur 2").WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Proposer une solution" }).GetAttributeAsync("href")).ShouldBe("/catalogue/proposer");
        await Look.AtAsync(page, "catalogue");

        await page.GetByLabel("Mots recherchés").FillAsync("reemploi");
        await page.GetByLabel("Catégorie d'achat").SelectOptionAsync(new SelectOptionValue { Label = PurchaseLabels.Of(PurchaseCategory.Furniture) });
        await page.GetByLabel("Mots recherchés").PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "1 solution", Exact = true }).WaitForAsync();
        page.Url.ShouldContain("categorie=Furniture");
        await Look.AtAsync(page, "catalogue-recherche");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mobilier de bureau réemployé" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Mobilier de bureau réemployé", Level = 1 }).WaitForAsync();
        var solution = await page.Locator("main").InnerTextAsync();
        solution.ShouldContain("Ville de Montreuil (2025) : 120 postes de travail");
        solution.ShouldContain("Coopérative (SCOP ou SCIC)");
        solution.ShouldContain("Seine-Saint-Denis (93)");
        solution.ShouldNotContain("claire.martin");
        solution.ShouldNotContain("01 23 45 67 89");
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Ce que nous livrons", Level = 3 }).CountAsync()).ShouldBe(1);
        (await page.Locator("meta[property='og:title']").GetAttributeAsync("content")).ShouldBe("Mobilier de bureau réemployé");
        await Look.AtAsync(page, "catalogue-solution");
    }

    [Fact]
    public async Task A_search_that_finds_nothing_says_what_to_try_and_bad_filters_are_told_beside_them()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/catalogue?q=hippopotame");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Aucune solution" }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Retirez un filtre");
        await Look.AtAsync(page, "catalogue-vide");

        var response = await page.GotoAsync("/catalogue?departement=99&page=0");
        response!.Status.ShouldBe(400);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Département inconnu");
        (await page.GetByLabel("Département servi").GetAttributeAsync("aria-invalid")).ShouldBe("true");
    }

    /// <summary>A catalogue of 24 published solutions: two pages of 20.</summary>
    public sealed class WithCatalogue(PostgresServer postgres) : BrowserApp(postgres)
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            string[] titles =
            [
                "Traiteur solidaire pour vos événements", "Nettoyage écologique des locaux", "Entretien des espaces verts",
                "Ordinateurs reconditionnés", "Collecte et recyclage des déchets de bureau", "Vêtements de travail en coton biologique",
            ];
            for (var index = 0; index < 23; index++)
            {
                await this.PublishedAsync(CatalogueSolutions.Content(
                    title: $"{titles[index % titles.Length]} n° {index + 1}",
                    categories: [(PurchaseCategory)(index % 12)],
                    essStatus: (EssStatus)(index % 6),
                    departements: index % 2 == 0 ? ["75", "92", "93", "94", "95", "77"] : ["69"]) with
                {
                    Supplier = new Supplier($"Structure solidaire {index + 1}", Sirens.Next(), "75056", "Association loi 1901", (EssStatus)(index % 6), null),
                });
                Clock.Advance(TimeSpan.FromMinutes(1));
            }

            await this.PublishedAsync(CatalogueSolutions.Content(description: """
                Nous collectons, remettons en état et livrons du mobilier de bureau.

                # Ce que nous livrons

                - des bureaux et des sièges **réemployés** ;
                - des armoires et caissons.
                """));
        }
    }
}
