using System.Text;
using Achats.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>The enrolment desk, the participant's signature and the exports, as the year's walk needs them.</summary>
public static class DeskSteps
{
    /// <summary>Validates a pre-registration from its page.</summary>
    public static async Task ValidateAsync(IPage page, Guid enrolmentId)
    {
        await page.GotoAsync($"/inscriptions/{enrolmentId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider", Exact = true }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Pré-inscription validée");
    }

    /// <summary>A participant, not signed in, opens the emailed link and signs the charter with the keyboard.</summary>
    public static async Task SignCharterAsync(IPage participant, string link, string name)
    {
        await participant.GotoAsync(link);
        await participant.GetByLabel("Vos prénom et nom, tels que vous signez").FillAsync(name);
        await participant.GetByLabel("Je suis autorisé·e à engager").CheckAsync();
        await participant.GetByRole(AriaRole.Button, new() { Name = "Signer la charte" }).PressAsync("Enter");
        await participant.GetByRole(AriaRole.Heading, new() { Name = "Charte signée" }).WaitForAsync();
    }

    /// <summary>
    /// Downloads the CSV and the Excel workbook a page links to (« Télécharger (CSV) », « Télécharger (Excel) ») and
    /// reads both back: the CSV as a French Excel reads it (UTF-8 with its byte order mark, « ; »), the workbook with
    /// the Open XML SDK. Both must hold the same rows.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> DownloadBothAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        var csv = await DownloadAsync(page, "Télécharger (CSV)");
        var xlsx = await DownloadAsync(page, "Télécharger (Excel)");

        csv[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, $"{url}: the CSV starts with a byte order mark");
        var csvRows = Encoding.UTF8.GetString(csv, 3, csv.Length - 3)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(';'))
            .ToList();
        var workbook = Workbook.Read(new MemoryStream(xlsx));
        workbook.Rows[0].ShouldBe(csvRows[0], $"{url}: the workbook's columns are the CSV's");
        workbook.Rows.Count.ShouldBe(csvRows.Count, $"{url}: the workbook has the CSV's rows");
        return workbook.Rows;
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }
}
