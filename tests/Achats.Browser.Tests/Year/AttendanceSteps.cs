using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>What staff do on the attendance sheet and the attendance report, as a person does it.</summary>
public static partial class AttendanceSteps
{
    /// <summary>
    /// Takes a session's attendance: « Tous présents », then each exception (a person's name → « absent » or « excusé »),
    /// then « Enregistrer la feuille »; the sheet says how many marks it recorded.
    /// </summary>
    public static async Task TakeAttendanceAsync(IPage page, Guid cohortId, Guid sessionId, IReadOnlyDictionary<string, string> exceptions)
    {
        await page.GotoAsync($"/presence/{sessionId}?edition={cohortId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tous présents" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("indiquées présentes");
        foreach (var (person, presence) in exceptions)
        {
            var label = presence.ToLowerInvariant() switch
            {
                "absent" => "Absent",
                "excusé" or "excuse" => "Excusé",
                "présent" or "present" => "Présent",
                _ => throw new ArgumentException($"Unknown presence « {presence} »: absent, excusé or présent.", nameof(exceptions)),
            };
            var choice = page.GetByRole(AriaRole.Group, new() { Name = person }).GetByLabel(label, new() { Exact = true });
            await choice.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            (await choice.IsCheckedAsync()).ShouldBeTrue($"{person} should be marked {label}");
        }

        var save = page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la feuille" });
        await save.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(RecordedUrl());
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"(\d+ présences? enregistrées?|Aucune présence n'a changé)");
    }

    /// <summary>The names the attendance report flags below the threshold, in the report's order.</summary>
    public static async Task<IReadOnlyList<string>> FlaggedAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/assiduite?edition={cohortId}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Participants" }).WaitForAsync();
        return (await page.Locator("tr.flagged th[scope=row]").AllInnerTextsAsync())
            .Select(name => name.Replace("(a quitté l'édition)", "", StringComparison.Ordinal).Trim())
            .ToList();
    }

    [GeneratedRegex("enregistrees=")]
    private static partial Regex RecordedUrl();
}
