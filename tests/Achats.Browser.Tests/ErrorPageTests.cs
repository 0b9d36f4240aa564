using Achats.Shared.Access;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>What a browser gets when a page cannot be answered: a French page with what to do.</summary>
public sealed class ErrorPageTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_unknown_address_gets_a_French_page_that_leads_back_home()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        var response = await page.GotoAsync("/nulle-part");

        response.ShouldNotBeNull().Status.ShouldBe(404);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "Revenir à l'accueil" }).CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "erreur-page-introuvable");
    }

    [Fact]
    public async Task A_form_posted_after_its_token_expired_gets_a_French_page()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/connexion");
        await page.Context.ClearCookiesAsync();

        await page.GetByLabel("Adresse électronique").FillAsync("personne@achats.test");
        await page.GetByLabel("Mot de passe").FillAsync("un mot de passe quelconque");
        await page.GetByLabel("Mot de passe").PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Formulaire expiré" }).WaitForAsync();
        await Look.AtAsync(page, "erreur-formulaire-expire");
    }
}
