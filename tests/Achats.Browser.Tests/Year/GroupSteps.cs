using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>What staff do on the working groups' page, as a person does it.</summary>
public static class GroupSteps
{
    /// <summary>Proposes groups of <paramref name="min"/> to <paramref name="max"/> participants (replacing an unpublished plan).</summary>
    public static async Task ProposeAsync(IPage page, Guid cohortId, int min, int max)
    {
        await page.GotoAsync($"/groupes?edition={cohortId}");
        await page.GetByLabel("Taille minimale d'un groupe").FillAsync(min.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Taille maximale d'un groupe").FillAsync(max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Taille maximale d'un groupe").PressAsync("Enter");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Groupes proposés");
    }

    /// <summary>
    /// Moves <paramref name="person"/> (and their binôme) to the group named <paramref name="toGroup"/>, or out of every
    /// group with « Aucun groupe »; the person is then listed under that group (or « Sans groupe »).
    /// </summary>
    public static async Task MoveAsync(IPage page, Guid cohortId, string person, string toGroup)
    {
        await page.GotoAsync($"/groupes?edition={cohortId}");
        var select = page.GetByRole(AriaRole.Combobox, new() { Name = person });
        var value = await select.Locator("option", new() { HasText = toGroup }).First.GetAttributeAsync("value");
        await select.SelectOptionAsync(new SelectOptionValue { Value = value ?? "" });
        var move = page.Locator("span.move", new() { Has = page.GetByRole(AriaRole.Combobox, new() { Name = person }) }).GetByRole(AriaRole.Button);
        await move.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Déplacement enregistré");
        var destination = toGroup.StartsWith("Aucun groupe", StringComparison.Ordinal) ? "Sans groupe" : toGroup;
        (await page.GetByRole(AriaRole.Region, new() { Name = destination, Exact = true }).InnerTextAsync()).ShouldContain(person);
    }

    /// <summary>Publishes the groups after the confirmation; the page then says they are published, and when.</summary>
    public static async Task PublishAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/groupes?edition={cohortId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Publier les groupes…" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Publier les groupes" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier les groupes", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Groupes publiés");
        (await page.GetByText("Groupes publiés le").CountAsync()).ShouldBe(1);
    }
}
