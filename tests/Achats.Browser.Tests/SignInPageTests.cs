using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The staff sign-in page and the home page it leads to.</summary>
public sealed class SignInPageTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_staff_member_signs_in_with_the_keyboard_and_lands_on_the_dashboard()
    {
        var email = await app.OpenStaffAccountAsync(StaffRole.ProgrammeStaff, "Alice Martin");
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/connexion", StringComparison.Ordinal));
        await Look.AtAsync(page, "connexion");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.textContent")).ShouldBe("Aller au contenu");
        await page.GetByLabel("Adresse électronique").FocusAsync();
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(StaffSignIn.Password);
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Tableau de bord" }).WaitForAsync();
        (await page.Locator("header").InnerTextAsync()).ShouldContain("Alice Martin (Équipe du programme, Métropole du Grand Paris (MGP))");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "accueil");
    }

    [Fact]
    public async Task A_wrong_password_is_told_in_French_and_the_address_is_kept()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/connexion");

        await page.GetByLabel("Adresse électronique").FillAsync("personne@achats.test");
        await page.GetByLabel("Mot de passe").FillAsync("pas le bon mot de passe");
        await page.GetByLabel("Mot de passe").PressAsync("Enter");

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Adresse ou mot de passe incorrect");
        (await page.GetByLabel("Adresse électronique").InputValueAsync()).ShouldBe("personne@achats.test");
        await Look.AtAsync(page, "connexion-refusee");
    }

    [Fact]
    public async Task Signing_out_leads_back_to_the_sign_in_page()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de l'équipe du programme" }).WaitForAsync();
    }
}
