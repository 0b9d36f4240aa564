using Achats.Charter.Charters;
using Achats.Enrolment.Eligibility;
using Achats.Enrolment.Enrolments;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The charter signature page a validated participant opens from their email.</summary>
public sealed class CharterSignaturePageTests(CharterSignaturePageTests.WithPublishedCharter app, Chromium chromium)
    : IClassFixture<CharterSignaturePageTests.WithPublishedCharter>
{
    [Fact]
    public async Task A_participant_reads_the_charter_and_signs_it_with_the_keyboard()
    {
        var (link, _, _) = await app.ValidatedParticipantAsync();
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Charte d'engagement de l'édition 2027" }).WaitForAsync();
        await Look.AtAsync(page, "charte-a-signer");

        await page.GetByLabel("Vos prénom et nom, tels que vous signez").FocusAsync();
        await page.Keyboard.TypeAsync("Camille Durand");
        await page.GetByLabel("Je suis autorisé·e à engager").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Charte signée" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Merci Camille Durand");
        await Look.AtAsync(page, "charte-signee");
    }

    [Fact]
    public async Task The_used_link_shows_only_the_signature()
    {
        var (link, _, _) = await app.ValidatedParticipantAsync();
        var page = await app.NewPageAsync(chromium);
        await SignAsync(page, link);

        await page.GotoAsync(link);

        await page.GetByRole(AriaRole.Heading, new() { Name = "Votre signature de la charte" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Vous avez signé la charte d'engagement le ");
        (await page.Locator("form").CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Button).CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "charte-lien-utilise");
    }

    [Fact]
    public async Task Signed_in_the_participant_revokes_after_a_confirmation_asking_why()
    {
        var (link, enrolmentId, email) = await app.ValidatedParticipantAsync();
        var page = await app.NewPageAsync(chromium);
        await SignAsync(page, link);
        var path = $"/mon-inscription/charte/{enrolmentId}";

        await page.GotoAsync(TestParticipantSignIn.For(email, path));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Votre signature de la charte" }).WaitForAsync();
        await Look.AtAsync(page, "ma-signature");
        await page.GetByRole(AriaRole.Link, new() { Name = "Révoquer ma signature et quitter l'édition" }).PressAsync("Enter");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Êtes-vous sûr·e de vouloir révoquer votre signature ?" }).WaitForAsync();
        await Look.AtAsync(page, "ma-signature-revocation");
        await page.GetByLabel("Pourquoi révoquez-vous votre signature ?").FocusAsync();
        await page.Keyboard.TypeAsync("Changement de poste.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, révoquer ma signature et quitter l'édition" }).PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("fait=revocation", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Votre révocation est enregistrée");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Révoquer ma signature et quitter l'édition" }).CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "ma-signature-revoquee");
    }

    private static async Task SignAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Vos prénom et nom, tels que vous signez").FillAsync("Camille Durand");
        await page.GetByLabel("Je suis autorisé·e à engager").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Charte signée" }).WaitForAsync();
    }

    [Fact]
    public async Task A_link_that_opens_nothing_says_why_in_French()
    {
        var page = await app.NewPageAsync(chromium);

        var response = await page.GotoAsync("/charte/lien-inconnu");

        response.ShouldNotBeNull().Status.ShouldBe(404);
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("Ce lien de signature n'est pas valide");
        await Look.AtAsync(page, "charte-lien-invalide");
    }

    /// <summary>An open edition whose charter is published: each test validates a participant of its own, who may sign in.</summary>
    public sealed class WithPublishedCharter(PostgresServer postgres) : BrowserApp(postgres)
    {
        private Guid _cohortId;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.AddTestParticipantSignIn();
        }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            _cohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(_cohortId, "Charte d'engagement de l'édition 2027",
                "## Préambule\n\nLes participants s'engagent, pendant **toute l'édition**, à faire entrer l'économie circulaire et solidaire dans leurs achats.",
                ["Participer aux séances plénières.", "Intégrer des critères circulaires et solidaires à mes achats.", "Viser au moins une procédure d'achat pendant le programme."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(_cohortId));
        }

        /// <summary>A public body of Montreuil pre-registers and is validated; returns the signing link Charter emailed, the enrolment and the address.</summary>
        public async Task<(string Link, Guid EnrolmentId, string Email)> ValidatedParticipantAsync()
        {
            var email = $"camille.{Guid.CreateVersion7():N}@montreuil.test";
            var receipt = await InvokeTrackedAsync<PreRegistrationReceipt>(new SubmitPreRegistration(_cohortId,
                new ParticipantDetails("Camille", "Durand", email, null, "Directrice de la commande publique", Profile.PublicBuyer),
                new OrganisationDetails("Ville de Montreuil", OrganisationKind.CommuneEptOrMetropole, Sirens.Next(), "93048"),
                [], null, ConsentToDataProcessing: true, PromotesOwnSolution: false));
            await using (var session = Store.QuerySession())
            {
                var state = await session.Events.FetchStreamStateAsync(receipt.EnrolmentId);
                await InvokeTrackedAsync<EnrolmentChanged>(new ValidatePreRegistration(receipt.EnrolmentId, (int)state!.Version, null));
            }

            return (await SigningLinkSentToAsync(email), receipt.EnrolmentId, email);
        }
    }
}
