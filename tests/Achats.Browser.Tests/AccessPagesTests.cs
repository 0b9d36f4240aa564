using System.Net;
using Achats.Access.StaffAccounts;
using Achats.Shared.Access;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The administrators' Accès pages, and every staff member's own account.</summary>
public sealed class AccessPagesTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_opens_an_account_then_disables_it_and_its_open_session_is_refused_at_its_next_page()
    {
        var administrator = await app.SignedInPageAsync(chromium, StaffRole.Administrator);
        await administrator.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Accès", Exact = true }).ClickAsync();
        await administrator.GetByRole(AriaRole.Heading, new() { Name = "Accès", Exact = true }).WaitForAsync();
        await Look.AtAsync(administrator, "acces");
        await administrator.GetByRole(AriaRole.Link, new() { Name = "Comptes de l'équipe" }).ClickAsync();
        await administrator.GetByRole(AriaRole.Heading, new() { Name = "Comptes de l'équipe" }).WaitForAsync();
        await Look.AtAsync(administrator, "acces-comptes");

        var email = $"bruno.{Guid.CreateVersion7():N}@inec.test";
        await administrator.GetByLabel("Nom complet").FillAsync("Bruno Petit");
        await administrator.GetByLabel("Adresse électronique").FillAsync(email);
        await administrator.GetByLabel("Équipe du programme").CheckAsync();
        await administrator.GetByLabel("Structure").SelectOptionAsync(new SelectOptionValue { Label = "Institut National de l'Économie Circulaire (INEC)" });
        await administrator.GetByLabel("Un mot de passe provisoire").CheckAsync();
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir le compte" }).ClickAsync();

        await administrator.GetByRole(AriaRole.Heading, new() { Name = "Compte ouvert pour Bruno Petit." }).WaitForAsync();
        var password = await administrator.GetByLabel("Mot de passe provisoire de Bruno Petit").InputValueAsync();
        password.Length.ShouldBeGreaterThanOrEqualTo(StaffAccount.MinimumPasswordLength);
        (await administrator.GetByRole(AriaRole.Button, new() { Name = "Copier" }).IsVisibleAsync()).ShouldBeTrue("the copy script runs under the page's Content-Security-Policy");
        (await administrator.Locator(".cards").InnerTextAsync()).ShouldContain("Équipe du programme — Institut National de l'Économie Circulaire (INEC)");
        await Look.AtAsync(administrator, "acces-compte-ouvert");

        var bruno = await app.NewPageAsync(chromium);
        await bruno.GotoAsync("/connexion");
        await bruno.GetByLabel("Adresse électronique").FillAsync(email);
        await bruno.GetByLabel("Mot de passe").FillAsync(password);
        await bruno.GetByLabel("Mot de passe").PressAsync("Enter");
        await bruno.WaitForURLAsync(url => url.Contains("/tableau-de-bord", StringComparison.Ordinal));

        await administrator.GotoAsync("/acces/comptes");
        await administrator.GetByRole(AriaRole.Link, new() { Name = "Bruno Petit" }).ClickAsync();
        await administrator.GetByRole(AriaRole.Heading, new() { Name = "Bruno Petit" }).WaitForAsync();
        await Look.AtAsync(administrator, "acces-compte");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Désactiver le compte" }).ClickAsync();
        (await administrator.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Le compte est désactivé.");
        (await administrator.Locator(".facts").InnerTextAsync()).ShouldContain("Désactivé");
        await Look.AtAsync(administrator, "acces-compte-desactive");

        await bruno.GotoAsync("/mon-compte");

        await bruno.WaitForURLAsync(url => url.Contains("/connexion", StringComparison.Ordinal));
        await bruno.GetByRole(AriaRole.Heading, new() { Name = "Connexion de l'équipe du programme" }).WaitForAsync();
    }

    [Fact]
    public async Task An_administrator_cannot_disable_their_own_account_and_is_told_why()
    {
        var administrator = await app.SignedInPageAsync(chromium, StaffRole.Administrator);
        await app.OpenStaffAccountAsync(StaffRole.Administrator, "Chloé Garnier");
        await administrator.GotoAsync("/acces/comptes");
        var own = administrator.GetByRole(AriaRole.Link, new() { Name = "Alice Martin" }).Last;
        await own.ClickAsync();

        await administrator.GetByRole(AriaRole.Button, new() { Name = "Désactiver le compte" }).ClickAsync();

        (await administrator.GetByRole(AriaRole.Alert).InnerTextAsync())
            .ShouldBe("Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
        await Look.AtAsync(administrator, "acces-compte-refus");
    }

    [Fact]
    public async Task A_partner_key_is_shown_once_then_listed_with_its_last_use_and_revoked_after_a_confirmation()
    {
        var administrator = await app.SignedInPageAsync(chromium, StaffRole.Administrator);
        await administrator.GotoAsync("/acces/cles");
        await Look.AtAsync(administrator, "acces-cles");

        await administrator.GetByLabel("Observatoire des Achats Responsables (ObsAR)").CheckAsync();
        await administrator.GetByLabel("Attester les adhésions de ses membres").CheckAsync();
        await administrator.GetByLabel("Lire ses attestations d'adhésion").CheckAsync();
        await administrator.GetByLabel("Libellé").FillAsync("Intégration ObsAR");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Émettre la clé" }).ClickAsync();

        var key = await administrator.GetByLabel("Clé d'API").InputValueAsync();
        key.ShouldStartWith("achats_");
        (await administrator.GetByText("Copiez-la maintenant").CountAsync()).ShouldBe(1);
        await Look.AtAsync(administrator, "acces-cle-emise");
        using var partner = new HttpClient { BaseAddress = app.Address };
        partner.DefaultRequestHeaders.Authorization = new("ApiKey", key);
        (await partner.GetAsync("/api/partners/v1/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await administrator.GotoAsync("/acces/cles");
        (await administrator.ContentAsync()).ShouldNotContain(key);
        (await administrator.GetByLabel("Clé d'API").CountAsync()).ShouldBe(0);
        var card = administrator.Locator(".card", new() { HasText = "Intégration ObsAR" });
        (await card.GetByRole(AriaRole.Listitem).AllInnerTextsAsync()).ShouldBe(["Attester les adhésions de ses membres", "Lire ses attestations d'adhésion"]);
        (await card.InnerTextAsync()).ShouldContain("Dernière utilisation le");

        await card.GetByRole(AriaRole.Link, new() { Name = "Révoquer la clé « Intégration ObsAR »" }).ClickAsync();
        await administrator.GetByRole(AriaRole.Heading, new() { Name = "Révoquer la clé « Intégration ObsAR » ?" }).WaitForAsync();
        await Look.AtAsync(administrator, "acces-cle-revocation");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Révoquer définitivement" }).ClickAsync();

        (await administrator.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("La clé «\u00a0Intégration ObsAR\u00a0» est révoquée.");
        (await administrator.Locator(".card", new() { HasText = "Intégration ObsAR" }).InnerTextAsync()).ShouldContain("Révoquée le");
        (await partner.GetAsync("/api/partners/v1/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Look.AtAsync(administrator, "acces-cle-revoquee");
    }

    [Fact]
    public async Task A_staff_member_chooses_a_password_through_a_single_use_link_then_changes_it_on_their_own_page()
    {
        var email = $"chloe.{Guid.CreateVersion7():N}@achats.test";
        var opened = await app.InvokeAsync<CreatedStaffAccount>(new CreateStaffAccount(
            email, "Chloé Garnier", StaffRole.Auditor, null, null, CredentialDelivery.OneTimeLink));
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync(opened.Credential!.Link!);
        await Look.AtAsync(page, "nouveau-mot-de-passe");

        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("une phrase que je retiens");
        await page.GetByLabel("Nouveau mot de passe, une seconde fois").FillAsync("une phrase que je retiens");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mon mot de passe" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("Votre mot de passe est enregistré.");
        await Look.AtAsync(page, "nouveau-mot-de-passe-enregistre");

        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("une phrase que je retiens");
        await page.GetByLabel("Mot de passe").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Mon compte" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte" }).WaitForAsync();
        await Look.AtAsync(page, "mon-compte");

        await page.GetByLabel("Mot de passe actuel").FillAsync("pas le bon");
        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("une autre phrase à retenir");
        await page.GetByLabel("Nouveau mot de passe, une seconde fois").FillAsync("une autre phrase à retenir");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer mon mot de passe" }).ClickAsync();
        (await page.GetByText("Le mot de passe actuel est incorrect.").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "mon-compte-refus");
        await page.GetByLabel("Mot de passe actuel").FillAsync("une phrase que je retiens");
        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("une autre phrase à retenir");
        await page.GetByLabel("Nouveau mot de passe, une seconde fois").FillAsync("une autre phrase à retenir");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer mon mot de passe" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("Votre mot de passe est changé.");
        await page.GotoAsync("/mon-compte");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mon compte" }).WaitForAsync();

        var again = await app.NewPageAsync(chromium);
        await again.GotoAsync(opened.Credential.Link!);
        (await again.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldStartWith("Ce lien ne permet plus de choisir un mot de passe");
        (await again.GetByLabel("Nouveau mot de passe", new() { Exact = true }).CountAsync()).ShouldBe(0);
        await Look.AtAsync(again, "nouveau-mot-de-passe-lien-use");
    }
}
