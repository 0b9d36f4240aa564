using Achats.Shared.Access;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>Erasure (ADR 0061) from the staff page of an enrolment: a reason refused when empty, then the person erased, the page saying so.</summary>
public sealed class ErasurePageTests(EnrolmentDeskTests.WithPreRegistrations app, Chromium chromium)
    : IClassFixture<EnrolmentDeskTests.WithPreRegistrations>
{
    [Fact]
    public async Task Staff_erase_a_person_with_a_reason_and_the_page_shows_placeholders_and_the_record()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await page.GotoAsync($"/inscriptions/{await app.PreRegisterAsync("Philibert", "Vauquelin-Ostrowski", free: true)}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Philibert Vauquelin-Ostrowski" }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Effacer les données personnelles de cette personne" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Effacer les données personnelles" }).WaitForAsync();
        await page.GetByLabel("Motif de l'effacement").FillAsync("   "); // past the browser's own check: the server's is the one that counts
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer définitivement" }).ClickAsync();
        (await page.GetByText("Le motif de l'effacement est obligatoire").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "effacement-sans-motif");

        await page.GetByLabel("Motif de l'effacement").FillAsync("Demande reçue par courrier le 2 décembre.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Effacer définitivement" }).ClickAsync();
        await page.GetByText("Données personnelles effacées le").WaitForAsync();
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldContain("[données effacées]");
        text.ShouldContain("Demande reçue par courrier le 2 décembre.");
        text.ShouldNotContain("Vauquelin");
        text.ShouldNotContain("Philibert");
        await Look.AtAsync(page, "effacement-fait");
    }
}
