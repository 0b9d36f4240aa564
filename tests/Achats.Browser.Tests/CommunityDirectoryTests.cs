using Achats.Charter.Charters;
using Achats.Cohorts.Cohorts;
using Achats.Community.Spaces;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>A member of a launched edition finds herself in its directory once she opted in, then declares her project in « Mon projet ».</summary>
public sealed class CommunityDirectoryTests(CommunityDirectoryTests.WithLaunchedEdition app, Chromium chromium)
    : IClassFixture<CommunityDirectoryTests.WithLaunchedEdition>
{
    [Fact]
    public async Task A_member_opts_in_finds_herself_in_the_directory_and_declares_her_project_with_the_keyboard()
    {
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync(TestParticipantSignIn.For(app.CamilleEmail, $"/espace/{app.CohortId}/annuaire"));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Ma fiche" }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Personne n'a encore choisi de figurer dans l'annuaire.");
        (await page.GetByLabel("Figurer dans l'annuaire").IsCheckedAsync()).ShouldBeFalse();
        await Look.AtAsync(page, "espace-annuaire-vide");

        await page.GetByLabel("Figurer dans l'annuaire").CheckAsync();
        await page.GetByLabel("Rôle").FillAsync("Acheteuse publique");
        await page.GetByLabel("Catégorie du projet d'achat").SelectOptionAsync(new SelectOptionValue { Label = "Restauration" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer ma fiche" }).PressAsync("Enter");

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("vous figurez dans l'annuaire");
        var card = page.Locator(".directory li", new() { HasText = "Camille Durand" });
        (await card.InnerTextAsync()).ShouldContain("Acheteuse publique");
        (await card.InnerTextAsync()).ShouldContain("Restauration");
        await page.GetByLabel("Rechercher", new() { Exact = true }).FillAsync("acheteuse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=acheteuse", StringComparison.Ordinal));
        (await page.Locator(".directory li").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "espace-annuaire-inscrite");

        await page.GetByRole(AriaRole.Link, new() { Name = "Mon projet" }).PressAsync("Enter");
        var declaration = page.GetByRole(AriaRole.Region, new() { Name = "Déclarer un projet d'achat" });
        await declaration.WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Vous n'avez pas encore déclaré de projet d'achat");
        await Look.AtAsync(page, "espace-mon-projet-vide");
        await declaration.GetByLabel("Intitulé du projet").FillAsync("Restauration scolaire durable");
        await declaration.GetByLabel("Catégorie d'achat").SelectOptionAsync(new SelectOptionValue { Label = "Restauration" });
        await declaration.GetByLabel("Économie sociale et solidaire").CheckAsync();
        await declaration.GetByLabel("Étape").SelectOptionAsync(new SelectOptionValue { Label = "Besoin exprimé" });
        await declaration.GetByRole(AriaRole.Button, new() { Name = "Déclarer ce projet" }).PressAsync("Enter");

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("votre projet d'achat est déclaré");
        var project = page.GetByRole(AriaRole.Article, new() { Name = "Restauration scolaire durable" });
        (await project.InnerTextAsync()).ShouldContain("Besoin exprimé");
        await Look.AtAsync(page, "espace-mon-projet");
    }

    /// <summary>An edition launched with Camille and Dominique (a pair of Montreuil) admitted; participants sign in by the tests' door.</summary>
    public sealed class WithLaunchedEdition(PostgresServer postgres) : BrowserApp(postgres)
    {
        public Guid CohortId { get; private set; }

        public string CamilleEmail { get; private set; } = "";

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.AddTestParticipantSignIn();
        }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            CohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(CohortId, "Charte d'engagement de l'édition 2027",
                "## Préambule\n\nLes participants s'engagent à faire entrer l'économie circulaire et solidaire dans leurs achats.",
                ["Participer aux séances plénières.", "Viser au moins une procédure d'achat pendant le programme."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(CohortId));
            var montreuil = new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93048");
            var camille = await AdmitAsync(CohortId, "Camille", "Durand", Profile.PublicBuyer, montreuil);
            await AdmitAsync(CohortId, "Dominique", "Bernard", Profile.Prescriber, montreuil, pairWith: camille);
            Clock.Advance(TimeSpan.FromDays(41));
            await InvokeTrackedAsync<CohortChanged>(new LaunchCohort(CohortId));
            await using var session = Store.QuerySession();
            CamilleEmail = (await session.LoadAsync<CohortSpace>(CohortSpace.IdOf(CohortId)))!.Member(camille)!.Email;
        }
    }
}
