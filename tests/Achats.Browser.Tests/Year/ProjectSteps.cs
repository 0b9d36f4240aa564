using System.Globalization;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>
/// What staff do on the purchasing projects' pages, through the pages only: declare a project, move it on, read the
/// impact report's numbers. Each step goes to its page by address and checks what a person would see afterwards.
/// </summary>
public static class ProjectSteps
{
    /// <summary>
    /// Declares a project for <paramref name="owner"/> (their name as the roster shows it, « Camille Durand »):
    /// <paramref name="category"/>, <paramref name="themes"/> and <paramref name="milestone"/> as the form words them
    /// (« Restauration », « Économie circulaire », « Besoin exprimé »). Returns the new project's id.
    /// </summary>
    public static async Task<Guid> DeclareAsync(IPage page, Guid cohortId, string owner, string title, string category,
        IReadOnlyList<string> themes, string milestone, DateOnly? expectedOn)
    {
        await page.GotoAsync($"/projets/nouveau?edition={cohortId}");
        var owners = page.GetByLabel("Participant qui porte le projet");
        var choice = (await owners.Locator("option").AllInnerTextsAsync()).Single(option => option == owner || option.StartsWith(owner + " —", StringComparison.Ordinal));
        await owners.SelectOptionAsync(new SelectOptionValue { Label = choice });
        await page.GetByLabel("Intitulé du projet").FillAsync(title);
        await page.GetByLabel("Catégorie d'achat").SelectOptionAsync(new SelectOptionValue { Label = category });
        foreach (var theme in themes)
        {
            await page.GetByLabel(theme, new() { Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Étape", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = milestone });
        if (expectedOn is { } on)
        {
            await page.GetByLabel("Date prévue de la procédure (facultative)").FillAsync(on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer le projet" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("fait=declaration", StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Projet d'achat déclaré");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldStartWith(title);
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe(milestone);
        var path = new Uri(page.Url).AbsolutePath;
        return Guid.Parse(path["/projets/".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Moves the project on to <paramref name="milestone"/> (« Consultation publiée »), from its page's update form.</summary>
    public static async Task AdvanceAsync(IPage page, Guid cohortId, Guid projectId, string milestone)
    {
        await page.GotoAsync($"/projets/{projectId}?edition={cohortId}");
        await page.GetByLabel("Étape", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = milestone });
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les changements" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("fait=", StringComparison.Ordinal));
        (await page.Locator(".badge").InnerTextAsync()).ShouldBe(milestone);
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain($"→ {milestone}");
    }

    /// <summary>
    /// The numbers of one of the impact report's charts, read back from the table beside it: <paramref name="chart"/>
    /// is « catégorie », « enjeu » or « étape ». Keyed by the line's label as shown; empty when the cohort has no active project.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReportAsync(IPage page, Guid cohortId, string chart)
    {
        var key = chart.ToLowerInvariant() switch
        {
            "catégorie" or "categorie" => "categorie",
            "enjeu" => "enjeu",
            "étape" or "etape" => "etape",
            _ => throw new ArgumentException($"No chart named {chart}: catégorie, enjeu or étape.", nameof(chart)),
        };
        await page.GotoAsync($"/projets/bilan?edition={cohortId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Bilan d'impact" }).WaitForAsync();
        var table = page.Locator($"#bilan-{key}");
        if (await table.CountAsync() == 0)
        {
            (await page.Locator(".notice").InnerTextAsync()).ShouldContain("Aucun projet actif");
            return new Dictionary<string, int>();
        }

        (await page.Locator($"figure:has(svg[aria-labelledby='graphique-{key}-titre'])").CountAsync()).ShouldBe(1);
        var numbers = new Dictionary<string, int>();
        foreach (var row in await table.Locator("tbody tr:not(.total)").AllAsync())
        {
            var count = new string((await row.Locator("td").InnerTextAsync()).Where(char.IsAsciiDigit).ToArray());
            numbers[(await row.Locator("th").InnerTextAsync()).Trim()] = int.Parse(count, CultureInfo.InvariantCulture);
        }

        return numbers;
    }
}
