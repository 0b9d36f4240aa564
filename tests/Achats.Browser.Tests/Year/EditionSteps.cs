using System.Globalization;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>
/// What programme staff do on the Éditions pages, as a person does it: by the labels and buttons they read. Each
/// step takes a signed-in page, goes where it needs by URL, acts, and checks what the page then says.
/// </summary>
public static class EditionSteps
{
    /// <summary>Plans an edition from « Planifier une édition »; its id, read from the address of the page it lands on.</summary>
    public static async Task<Guid> PlanAsync(IPage page, string name, DateOnly opens, DateOnly closes, DateOnly starts, DateOnly? ends)
    {
        await page.GotoAsync("/editions");
        await FollowAsync(page, "Planifier une édition");
        await page.GetByLabel("Nom de l'édition", new() { Exact = true }).FillAsync(name);
        await FillDatesAsync(page, opens, closes, starts, ends);
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier l'édition" }).ClickAsync();
        await DoneAsync(page, "Édition planifiée.");
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }).WaitForAsync();
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    /// <summary>Changes the edition's dates, before its launch, with the reason kept in its history.</summary>
    public static async Task ChangeDatesAsync(IPage page, Guid cohortId, DateOnly opens, DateOnly closes, DateOnly starts, DateOnly ends, string reason)
    {
        await page.GotoAsync($"/editions/{cohortId}");
        await FillChangeAsync(page, opens, closes, starts, ends, reason);
        await DoneAsync(page, "Dates modifiées");
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain(reason);
    }

    /// <summary>Tries new dates the edition refuses; the refusal shown beside <paramref name="field"/> (« Premier jour de l'édition »...).</summary>
    public static async Task<string> ChangeDatesRefusedAsync(
        IPage page, Guid cohortId, DateOnly opens, DateOnly closes, DateOnly starts, DateOnly ends, string reason, string field)
    {
        await page.GotoAsync($"/editions/{cohortId}");
        await FillChangeAsync(page, opens, closes, starts, ends, reason);
        await page.Locator("span.error").First.WaitForAsync();
        var described = await page.GetByLabel(field, new() { Exact = true }).GetAttributeAsync("aria-describedby");
        var errorId = described.ShouldNotBeNull($"No refusal beside « {field} »").Split(' ')[^1];
        return await page.Locator($"#{errorId}").InnerTextAsync();
    }

    /// <summary>Launches the edition through its confirmation.</summary>
    public static async Task LaunchAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/editions/{cohortId}");
        await FollowAsync(page, "Lancer l'édition…");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer le lancement" }).ClickAsync();
        await DoneAsync(page, "Édition lancée");
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Lancée");
    }

    /// <summary>Closes the launched edition through its confirmation.</summary>
    public static async Task CloseAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/editions/{cohortId}");
        await FollowAsync(page, "Clore l'édition…");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer la clôture" }).ClickAsync();
        await DoneAsync(page, "Édition close");
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe("Close");
    }

    /// <summary>Follows a link by its target, as the browser would, without a click lost on a page still settling.</summary>
    private static async Task FollowAsync(IPage page, string link) =>
        await page.GotoAsync((await page.GetByRole(AriaRole.Link, new() { Name = link }).GetAttributeAsync("href")).ShouldNotBeNull());

    /// <summary>The message an act shows once done, on the page it redirects to.</summary>
    private static async Task DoneAsync(IPage page, string message)
    {
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = message }).WaitForAsync();
        page.Url.ShouldContain("?fait=");
    }

    private static async Task FillChangeAsync(IPage page, DateOnly opens, DateOnly closes, DateOnly starts, DateOnly ends, string reason)
    {
        await page.GetByText("Changer les dates", new() { Exact = true }).ClickAsync();
        await FillDatesAsync(page, opens, closes, starts, ends);
        await page.GetByLabel("Motif du changement").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les nouvelles dates" }).ClickAsync();
    }

    private static async Task FillDatesAsync(IPage page, DateOnly opens, DateOnly closes, DateOnly starts, DateOnly? ends)
    {
        await page.GetByLabel("Ouverture des inscriptions", new() { Exact = true }).FillAsync(Typed(opens));
        await page.GetByLabel("Clôture des inscriptions", new() { Exact = true }).FillAsync(Typed(closes));
        await page.GetByLabel("Premier jour de l'édition", new() { Exact = true }).FillAsync(Typed(starts));
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Dernier jour de l'édition")).FillAsync(ends is { } end ? Typed(end) : "");
    }

    /// <summary>A date as a French staff member types it: « 14/01/2027 ».</summary>
    private static string Typed(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
