using Achats.Cohorts.Contracts;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The matchmaking pages: staff invite suppliers to a session and read their answers; a supplier answers through their link.</summary>
public sealed class CatalogueMatchmakingPagesTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_invite_proposed_suppliers_with_the_keyboard_and_read_the_answers_in_words()
    {
        var startsAt = ParisTime.FromParis(app.Clock.GetUtcNow().AddDays(12).ParisDate().ToDateTime(new TimeOnly(9, 30)))!.Value;
        var scheduled = new SessionScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), "Mise en relation mobilier et textiles", "Matchmaking",
            startsAt, startsAt.AddHours(3), "InPerson", null, "Maison de l'économie circulaire, 12 rue des Ateliers, Montreuil", null,
            [PurchaseCategory.Furniture, PurchaseCategory.Textiles]);
        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(scheduled).AsTask()));
        var chairs = $"chaises.{Guid.CreateVersion7():N}@fournisseur.example.org";
        await app.PublishedAsync(CatalogueSolutions.Content("Chaises de bureau réemployées", chairs, [PurchaseCategory.Furniture]));
        await app.PublishedAsync(CatalogueSolutions.Content("Vêtements de travail recyclés", $"textile.{Guid.CreateVersion7():N}@fournisseur.example.org", [PurchaseCategory.Textiles]));
        await app.PublishedAsync(CatalogueSolutions.Content("Repas solidaires", $"repas.{Guid.CreateVersion7():N}@fournisseur.example.org", [PurchaseCategory.Catering]));

        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mises en relation" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Mises en relation", Exact = true }).WaitForAsync();
        await Look.AtAsync(page, "mises-en-relation");

        await page.GetByRole(AriaRole.Link, new() { Name = scheduled.Title }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Solutions proposées" }).WaitForAsync();
        (await page.GetByText("Repas solidaires").CountAsync()).ShouldBe(0);
        await Look.AtAsync(page, "mise-en-relation-propositions");

        await page.GetByLabel("Chaises de bureau réemployées — Ateliers du Réemploi").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer les invitations" }).PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("fait=invitations", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Les invitations sont envoyées.");
        (await page.GetByRole(AriaRole.Table).InnerTextAsync()).ShouldContain("En attente de réponse");

        // The supplier answers from the link in their email.
        var link = (await app.SentEmailToAsync(chairs, "Invitation")).LinkTo("/catalogue/invitation/");
        var supplier = await app.NewPageAsync(chromium);
        await supplier.GotoAsync(link);
        await supplier.GetByRole(AriaRole.Heading, new() { Name = "Présenterez-vous votre solution ?" }).WaitForAsync();
        (await supplier.Locator("main").InnerTextAsync()).ShouldContain("de 9 h 30 à 12 h 30 (heure de Paris)");
        await Look.AtAsync(supplier, "invitation-mise-en-relation");
        await supplier.GetByRole(AriaRole.Button, new() { Name = "Oui, je présenterai" }).PressAsync("Enter");
        await supplier.GetByRole(AriaRole.Status).WaitForAsync();
        (await supplier.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Merci, votre réponse est enregistrée.");
        await Look.AtAsync(supplier, "invitation-repondue");

        await page.ReloadAsync();
        (await page.GetByRole(AriaRole.Table).InnerTextAsync()).ShouldContain("Oui, présentera sa solution");
        await Look.AtAsync(page, "mise-en-relation-reponses");
    }
}
