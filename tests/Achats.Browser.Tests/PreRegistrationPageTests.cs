using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The public pre-registration page, filled in with the keyboard as a person would.</summary>
public sealed class PreRegistrationPageTests(PreRegistrationPageTests.WithOpenCohort app, Chromium chromium) : IClassFixture<PreRegistrationPageTests.WithOpenCohort>
{
    [Fact]
    public async Task A_person_fills_in_the_form_with_the_keyboard_and_reads_their_receipt()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/inscription");
        await Look.AtAsync(page, "inscription");

        await FillInAsync(page, siren: Sirens.Next());
        await page.GetByLabel("J'accepte que mes données").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Fonction").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Demande de pré-inscription reçue" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Un courriel vous est envoyé");
        await Look.AtAsync(page, "inscription-enregistree");
    }

    [Fact]
    public async Task The_consent_box_leads_to_the_privacy_notice_which_every_page_links_in_its_footer()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/inscription");

        await page.GetByRole(AriaRole.Link, new() { Name = "notice sur vos données personnelles et vos droits" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Vos données personnelles et vos droits", Level = 1 }).WaitForAsync();
        var notice = await page.Locator("main").InnerTextAsync();
        notice.ShouldContain("Métropole du Grand Paris");
        notice.ShouldContain("trois ans après sa clôture");
        notice.ShouldContain("CNIL");
        notice.ShouldContain($"version {Achats.Enrolment.Privacy.PrivacyNotice.Version}");
        await Look.AtAsync(page, "confidentialite");
        await page.GotoAsync("/connexion");
        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Vos données personnelles et vos droits" }).ClickAsync();
        await page.WaitForURLAsync("**/confidentialite");
    }

    [Fact]
    public async Task Refused_fields_are_told_beside_them_and_tied_to_them_and_what_was_typed_is_kept()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync("/inscription");

        await FillInAsync(page, siren: "123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma pré-inscription" }).PressAsync("Enter");

        await page.GetByRole(AriaRole.Alert).First.WaitForAsync();
        var siren = page.GetByLabel("SIREN");
        (await siren.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await siren.InputValueAsync()).ShouldBe("123");
        var describedBy = (await siren.GetAttributeAsync("aria-describedby")).ShouldNotBeNull().Split(' ');
        (await page.Locator($"#{describedBy[^1]}").InnerTextAsync()).ShouldContain("Le SIREN doit compter 9 chiffres");
        var consent = page.GetByLabel("J'accepte que mes données");
        (await page.Locator($"#{await consent.GetAttributeAsync("aria-describedby")}").InnerTextAsync()).ShouldContain("Votre consentement");
        (await page.GetByLabel("Prénom").InputValueAsync()).ShouldBe("Éloïse");
        await Look.AtAsync(page, "inscription-erreurs");
    }

    private static async Task FillInAsync(IPage page, string siren)
    {
        await page.GetByLabel("Prénom").FocusAsync();
        await page.Keyboard.TypeAsync("Éloïse");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Durand");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync($"eloise.{Guid.CreateVersion7():N}@montreuil.test");
        await page.GetByLabel("Fonction").FillAsync("Acheteuse publique");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Acheteur ou acheteuse public ou publique", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByLabel("Nom de la structure").FillAsync("Ville de Montreuil");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Commune, établissement public territorial (EPT) ou Métropole du Grand Paris" }).CheckAsync();
        await page.GetByLabel("SIREN").FillAsync(siren);
        await page.GetByLabel("Code INSEE de la commune").FillAsync("93048");
    }

    /// <summary>The Host with one edition open for registration.</summary>
    public sealed class WithOpenCohort(PostgresServer postgres) : BrowserApp(postgres)
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await OpenCohortAsync("Édition 2027");
        }
    }
}
