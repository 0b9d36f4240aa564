using Achats.Enrolment.Enrolments;
using Microsoft.Playwright;
using Wolverine;
using Wolverine.Tracking;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The participant's own page: a sign-in link asked for and followed, staff answered, then a withdrawal confirmed.</summary>
public sealed class MyEnrolmentPageTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_participant_signs_in_by_email_answers_the_team_and_withdraws_with_the_keyboard()
    {
        var email = $"camille.{Guid.CreateVersion7():N}@montreuil.test";
        var cohortId = await app.OpenCohortAsync("Édition 2027");
        var enrolmentId = await app.PreRegisterAsync(cohortId, "Camille", "Durand", free: true, email);
        await app.InvokeTrackedAsync<EnrolmentChanged>(new RequestInformation(enrolmentId, await app.VersionAsync(enrolmentId),
            "Pouvez-vous préciser le service qui portera votre projet d'achat ?"));
        var page = await app.NewPageAsync(chromium);

        await page.GotoAsync("/mon-inscription");
        await Look.AtAsync(page, "mon-inscription-demande-de-lien");
        await page.GetByLabel("Adresse électronique de votre pré-inscription").FillAsync(email);
        // Tracked: the email leaves through the durable queue, and the test waits for it rather than for time to pass.
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
        {
            await page.GetByLabel("Adresse électronique de votre pré-inscription").PressAsync("Enter");
            await page.GetByRole(AriaRole.Status).WaitForAsync();
        }));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Si cette adresse correspond à une pré-inscription");
        await Look.AtAsync(page, "mon-inscription-lien-envoye");

        await page.GotoAsync((await app.LatestEmailToAsync(email, "accéder à votre inscription")).LinkTo("/mon-inscription/connexion/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Accéder à mon inscription" }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Édition 2027" }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Pouvez-vous préciser le service");
        await Look.AtAsync(page, "mon-inscription-connecte");

        await page.GetByRole(AriaRole.Link, new() { Name = "Répondre à l'équipe" }).PressAsync("Enter");
        await page.GetByLabel("Votre réponse").FillAsync("La direction des achats, avec le service des bâtiments.");
        await Look.AtAsync(page, "mon-inscription-reponse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma réponse" }).PressAsync("Enter");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Votre réponse est envoyée à l'équipe du programme.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Me retirer du programme" }).PressAsync("Enter");
        await page.GetByLabel("Pourquoi vous retirez-vous ?").FillAsync("Je change de poste.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Êtes-vous sûr·e de vouloir vous retirer ?" }).WaitForAsync();
        await Look.AtAsync(page, "mon-inscription-confirmation-retrait");
        await page.GetByRole(AriaRole.Button, new() { Name = "Oui, me retirer du programme" }).PressAsync("Enter");

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Votre inscription est retirée.");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Retirée");
        await Look.AtAsync(page, "mon-inscription-retiree");
    }
}
