using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>What staff do on the charter pages, through the pages, each step checking what it shows afterwards.</summary>
public static class CharterSteps
{
    /// <summary>Types the draft (commitments one per line), looks at its preview, then saves it.</summary>
    public static async Task WriteDraftAsync(IPage page, Guid cohortId, string title, string body, IReadOnlyList<string> commitments)
    {
        await page.GotoAsync($"/charte?edition={cohortId}");
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Texte", new() { Exact = true }).FillAsync(body);
        await page.GetByLabel("Engagements, un par ligne").FillAsync(string.Join("\n", commitments));

        await page.GetByRole(AriaRole.Button, new() { Name = "Aperçu", Exact = true }).ClickAsync();
        await Preview(page).GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
        (await Preview(page).GetByRole(AriaRole.Listitem).AllInnerTextsAsync()).ShouldBe(commitments);

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Brouillon enregistré.");
        await Preview(page).GetByRole(AriaRole.Heading, new() { Name = title }).WaitForAsync();
    }

    /// <summary>Publishes the saved draft through its confirmation; returns the confirmation's words (who must sign again, until when).</summary>
    public static async Task<string> PublishAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/charte?edition={cohortId}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Publier ce brouillon comme version") }).ClickAsync();
        var confirmation = page.Locator("#publication");
        await confirmation.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Publier la version \d+ de la charte \?$") }).WaitForAsync();
        var text = await confirmation.InnerTextAsync();

        await confirmation.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Publier la version \d+$") }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"^Version \d+ publiée");
        return text;
    }

    /// <summary>The signature report as staff read it: each participant's name and the label of their state (« À jour », « En attente »...).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SignatureStatesAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/charte/signatures?edition={cohortId}");
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Signatures de la charte") }).WaitForAsync();
        var states = new Dictionary<string, string>();
        foreach (var row in await page.Locator("table.signatures tbody tr").AllAsync())
        {
            states[(await row.Locator("th").InnerTextAsync()).Trim()] = (await row.Locator(".badge").InnerTextAsync()).Trim();
        }

        return states;
    }

    /// <summary>Records the charter signed on paper by <paramref name="person"/> (their name as the report shows it) on <paramref name="on"/>.</summary>
    public static async Task RecordPaperSignatureAsync(IPage page, Guid cohortId, string person, string note, DateOnly on)
    {
        await OpenActsAsync(page, cohortId, person);
        await page.GetByLabel("Date de la signature").FillAsync(on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature sur papier" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe($"Signature sur papier de {person} enregistrée.");
    }

    /// <summary>Sends <paramref name="person"/> a new signing link (the previous one stops working).</summary>
    public static async Task ReissueSigningLinkAsync(IPage page, Guid cohortId, string person)
    {
        await OpenActsAsync(page, cohortId, person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer un nouveau lien" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe($"Nouveau lien envoyé à {person}.");
    }

    /// <summary>Records that <paramref name="person"/> revoked their signature, confirming it: they leave the cohort.</summary>
    public static async Task RecordRevocationAsync(IPage page, Guid cohortId, string person, string reason)
    {
        await OpenActsAsync(page, cohortId, person);
        await page.GetByLabel("Motif").FillAsync(reason);
        await page.GetByLabel($"Je confirme que {person} révoque sa signature").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la révocation" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe($"Révocation de {person} enregistrée.");
    }

    /// <summary>Chooses two versions on the diff page; returns the words removed and the words added, as the page marks them.</summary>
    public static async Task<(IReadOnlyList<string> Removed, IReadOnlyList<string> Added)> CompareAsync(IPage page, Guid cohortId, int from, int to)
    {
        await page.GotoAsync($"/charte/versions?edition={cohortId}");
        await page.GetByLabel("Version de départ").SelectOptionAsync(from.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Version d'arrivée").SelectOptionAsync(to.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Comparer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"de={from}&a={to}", StringComparison.Ordinal));
        var removed = await page.Locator(".diff del").AllInnerTextsAsync();
        var added = await page.Locator(".diff ins").AllInnerTextsAsync();
        return (removed.Select(Unprefixed).ToList(), added.Select(Unprefixed).ToList());
    }

    private static async Task OpenActsAsync(IPage page, Guid cohortId, string person)
    {
        await page.GotoAsync($"/charte/signatures?edition={cohortId}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Agir pour {person}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Agir pour {person}", Exact = true }).WaitForAsync();
    }

    private static ILocator Preview(IPage page) => page.Locator(".preview");

    /// <summary>The words without the prefix read to screen readers (« [retiré :] »).</summary>
    private static string Unprefixed(string text) => Regex.Replace(text, @"^\[(retiré|ajouté) :\]\s*", "");
}
