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
        var link = await app.ValidatedParticipantLinkAsync();
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
    public async Task The_used_link_shows_the_signature_and_the_way_to_revoke_it()
    {
        var link = await app.ValidatedParticipantLinkAsync();
        var page = await app.NewPageAsync(chromium);
        await page.GotoAsync(link);
        await page.GetByLabel("Vos prénom et nom, tels que vous signez").FillAsync("Camille Durand");
        await page.GetByLabel("Je suis autorisé·e à engager").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Charte signée" }).WaitForAsync();

        await page.GotoAsync(link);

        await page.GetByRole(AriaRole.Heading, new() { Name = "Votre signature de la charte" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Révoquer ma signature et quitter l'édition" }).CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "charte-deja-signee");
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

    /// <summary>An open edition whose charter is published: each test validates a participant of its own.</summary>
    public sealed class WithPublishedCharter(PostgresServer postgres) : BrowserApp(postgres)
    {
        private Guid _cohortId;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            _cohortId = await OpenCohortAsync("Édition 2027");
            await InvokeTrackedAsync<CohortCharter>(new SaveCharterDraft(_cohortId, "Charte d'engagement de l'édition 2027",
                "## Préambule\n\nLes participants s'engagent, pendant **toute l'édition**, à faire entrer l'économie circulaire et solidaire dans leurs achats.",
                ["Participer aux séances plénières.", "Intégrer des critères circulaires et solidaires à mes achats.", "Viser au moins une procédure d'achat pendant le programme."]));
            await InvokeTrackedAsync<CharterVersion>(new PublishCharterVersion(_cohortId));
        }

        /// <summary>A public body of Montreuil pre-registers and is validated; returns the signing link Charter emailed.</summary>
        public async Task<string> ValidatedParticipantLinkAsync()
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

            return await SigningLinkSentToAsync(email);
        }
    }
}
