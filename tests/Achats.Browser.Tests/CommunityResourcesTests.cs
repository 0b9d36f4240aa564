using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>Ressources and the announcements of Accueil: staff attach a document and post an announcement; a member reads them.</summary>
public sealed class CommunityResourcesTests(CommunityResourcesTests.SpaceOpen app, Chromium chromium) : IClassFixture<CommunityResourcesTests.SpaceOpen>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Staff_attach_a_document_and_post_an_announcement_and_a_member_reads_Accueil_and_Ressources()
    {
        var staff = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await staff.GotoAsync($"/espace/{app.CohortId}/ressources");
        var plenary = staff.Locator("section.resources", new() { HasText = "Séance plénière de lancement" });
        await plenary.GetByText("Ajouter à cette séance").ClickAsync();
        await plenary.GetByLabel("Titre du document").FillAsync("Diaporama de la plénière");
        await plenary.GetByLabel("Fichier").SetInputFilesAsync(new FilePayload { Name = "pleniere.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await plenary.GetByRole(AriaRole.Button, new() { Name = "Joindre le document" }).ClickAsync();
        (await staff.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("C'est fait");
        await plenary.GetByText("Ajouter à cette séance").ClickAsync();
        await plenary.GetByLabel("Titre du lien").FillAsync("Enregistrement de la plénière");
        await plenary.GetByLabel("Adresse du lien").FillAsync("https://video.example.org/pleniere");
        await plenary.GetByRole(AriaRole.Button, new() { Name = "Joindre le lien" }).ClickAsync();
        (await staff.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("C'est fait");
        await plenary.GetByText("Ajouter à cette séance").ClickAsync();
        await plenary.GetByLabel("Ce que les participant·es doivent préparer").FillAsync("Relisez **votre dernier marché** de restauration.");
        await plenary.GetByRole(AriaRole.Button, new() { Name = "Enregistrer « À préparer »" }).ClickAsync();
        (await staff.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("C'est fait");
        await plenary.GetByText("Ajouter à cette séance").ClickAsync();
        await Look.AtAsync(staff, "espace-ressources-equipe");

        await staff.GotoAsync($"/espace/{app.CohortId}");
        await staff.GetByText("Publier une annonce").ClickAsync();
        await staff.GetByLabel("Titre").FillAsync("Bienvenue dans votre espace");
        await staff.GetByLabel("Texte (Markdown").FillAsync("Les supports des séances sont dans **Ressources**.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Publier l'annonce" }).ClickAsync();
        await staff.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue dans votre espace" }).WaitForAsync();
        await Look.AtAsync(staff, "espace-accueil-equipe");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Modifier « Bienvenue dans votre espace »" }).ClickAsync();
        await staff.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les modifications" }).WaitForAsync();
        await Look.AtAsync(staff, "espace-annonce-modifier");

        var member = await app.NewPageAsync(chromium);
        await member.GotoAsync(TestParticipantSignIn.For(SpaceOpen.CamilleEmail, $"/espace/{app.CohortId}"));
        await member.GetByRole(AriaRole.Heading, new() { Name = "Prochaines séances" }).WaitForAsync();
        var home = await member.Locator("main").InnerTextAsync();
        home.ShouldContain("Bienvenue dans votre espace");
        home.ShouldContain("Séance plénière de lancement");
        home.ShouldContain("votre dernier marché");
        await Look.AtAsync(member, "espace-accueil-membre");

        await member.GetByRole(AriaRole.Link, new() { Name = "Ressources" }).ClickAsync();
        var download = await member.RunAndWaitForDownloadAsync(() =>
            member.GetByRole(AriaRole.Link, new() { Name = "Télécharger Diaporama de la plénière" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("pleniere.pdf");
        (await member.GetByRole(AriaRole.Link, new() { Name = "Enregistrement de la plénière (s'ouvre dans un nouvel onglet)" }).GetAttributeAsync("rel"))
            .ShouldBe("noopener noreferrer");
        (await member.GetByText("Ajouter à cette séance").CountAsync()).ShouldBe(0);
        await Look.AtAsync(member, "espace-ressources-membre");
    }

    /// <summary>A space opened as Cohorts tells it: Camille on the roster, the cohort launched, a plenary and a workshop to come.</summary>
    public sealed class SpaceOpen(PostgresServer postgres) : BrowserApp(postgres)
    {
        public const string CamilleEmail = "camille.durand@ville-exemple.test";

        public Guid CohortId { get; } = Guid.CreateVersion7();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.AddTestParticipantSignIn();
        }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var now = Clock.GetUtcNow();
            var camille = Guid.CreateVersion7();
            var day = now.Date.AddDays(8);
            await PublishAsync(new ParticipantJoinedCohort(CohortId, camille, "Camille", "Durand", CamilleEmail, "Ville d'Exemple", now));
            await PublishAsync(new CohortLaunched(CohortId, "Édition 2027", DateOnly.FromDateTime(now.Date), DateOnly.FromDateTime(now.Date.AddMonths(10)), [camille], now));
            await PublishAsync(new SessionScheduled(CohortId, Guid.CreateVersion7(), "Séance plénière de lancement", "Plenary",
                new DateTimeOffset(day.AddHours(8), TimeSpan.Zero), new DateTimeOffset(day.AddHours(11), TimeSpan.Zero), "Online",
                "https://visio.example.org/lancement", null, null, []));
            await PublishAsync(new SessionScheduled(CohortId, Guid.CreateVersion7(), "Atelier restauration collective", "Workshop",
                new DateTimeOffset(day.AddDays(7).AddHours(13), TimeSpan.Zero), new DateTimeOffset(day.AddDays(7).AddHours(15), TimeSpan.Zero), "InPerson",
                null, "Hôtel de la Métropole, Paris", null, []));
        }

        private Task<ITrackedSession> PublishAsync(object message) =>
            Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
                .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(message).AsTask()));
    }
}
