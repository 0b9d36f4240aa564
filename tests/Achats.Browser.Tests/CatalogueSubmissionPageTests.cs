using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The catalogue's public form, filled in as a supplier would.</summary>
public sealed class CatalogueSubmissionPageTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_supplier_fills_in_the_form_and_is_told_to_confirm_by_email()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/catalogue/proposer");
        await Look.AtAsync(page, "catalogue-proposer");

        await FillInAsync(page, Sirens.Next());
        await page.GetByLabel("J'accepte que les données de la personne à contacter").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Proposition reçue" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Un courriel vient d'être envoyé");
        await Look.AtAsync(page, "catalogue-proposition-recue");
    }

    [Fact]
    public async Task Refused_fields_are_told_beside_them_and_what_was_typed_is_kept()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/catalogue/proposer");

        await FillInAsync(page, "123456789");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma proposition" }).PressAsync("Enter");

        await page.GetByRole(AriaRole.Alert).First.WaitForAsync();
        var siren = page.GetByLabel("SIREN", new() { Exact = true });
        (await siren.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        var describedBy = (await siren.GetAttributeAsync("aria-describedby")).ShouldNotBeNull().Split(' ');
        (await page.Locator($"#{describedBy[^1]}").InnerTextAsync()).ShouldContain("Le SIREN doit compter 9 chiffres");
        (await page.GetByLabel("Titre de la solution").InputValueAsync()).ShouldBe("Mobilier de bureau réemployé");
        await Look.AtAsync(page, "catalogue-proposer-erreurs");
    }

    private static async Task FillInAsync(IPage page, string siren)
    {
        await page.GetByLabel("Nom de la structure").FillAsync("Ateliers du Réemploi");
        await page.GetByLabel("SIREN", new() { Exact = true }).FillAsync(siren);
        await page.GetByLabel("Code INSEE de la commune du siège").FillAsync("93048");
        await page.GetByLabel("Forme juridique").FillAsync("SCOP SA");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Coopérative (SCOP ou SCIC)" }).CheckAsync();
        await page.GetByLabel("Prénom et nom").FillAsync("Claire Martin");
        await page.GetByLabel("Adresse électronique", new() { Exact = true }).FillAsync($"claire.{Guid.CreateVersion7():N}@ateliers.test");
        await page.GetByLabel("Titre de la solution").FillAsync("Mobilier de bureau réemployé");
        await page.GetByLabel("Résumé en une ou deux phrases").FillAsync("Des bureaux et sièges remis en état par des salariés en insertion.");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Nous **collectons**, remettons en état et livrons du mobilier.\n\n- bureaux\n- sièges");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Mobilier", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Économie circulaire" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Seine-Saint-Denis (93)" }).CheckAsync();
        await page.GetByLabel("Acheteur public").First.FillAsync("Ville de Montreuil");
        await page.GetByLabel("Année").First.FillAsync("2025");
        await page.GetByLabel("Ce qui a été acheté").First.FillAsync("120 postes de travail");
    }
}
