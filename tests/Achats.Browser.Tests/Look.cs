using System.Globalization;
using Achats.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests;

/// <summary>
/// Looks at a page as a reviewer would: axe-core finds no serious or critical violation, nothing overflows
/// a 390 px phone, and screenshots at 1280 and 390 px are kept in artifacts/browser for a person to open.
/// </summary>
public static class Look
{
    public static readonly string Folder = Fresh(Path.Combine(Repository.Root, "artifacts", "browser"));

    private static readonly int[] Widths = [1280, 390];

    public static async Task AtAsync(IPage page, string name)
    {
        var serious = new List<string>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            var axe = await page.RunAxe();
            serious.AddRange(axe.Violations
                .Where(violation => violation.Impact is "serious" or "critical")
                .Select(violation => $"{width} px: {violation.Id} ({violation.Impact}) {violation.Help}: {string.Join(" | ", violation.Nodes.Select(node => node.Html))}"));
            await File.AppendAllTextAsync(Path.Combine(Folder, "axe.txt"), string.Create(CultureInfo.InvariantCulture,
                $"{name} {width}px: {axe.Violations.Length} violations ({string.Join(", ", axe.Violations.Select(v => $"{v.Id}:{v.Impact}"))}){Environment.NewLine}"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}-{width}.png"), FullPage = true });
            if (width < 400)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                overflow.ShouldBeLessThanOrEqualTo(0, $"{name} overflows a {width} px screen by {overflow} px");
            }
        }

        await page.SetViewportSizeAsync(1280, 900);
        serious.ShouldBeEmpty($"{name}: axe-core found serious or critical violations");
    }

    /// <summary>The folder emptied once per test run, so that it shows this run's pages and counts only.</summary>
    private static string Fresh(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Directory.CreateDirectory(folder).FullName;
    }
}
