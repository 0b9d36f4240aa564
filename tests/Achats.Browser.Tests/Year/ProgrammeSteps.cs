using System.Globalization;
using Microsoft.Playwright;
using Shouldly;

namespace Achats.Browser.Tests.Year;

/// <summary>
/// What programme staff do on the Programme pages, as a person does it: by the labels and buttons they read. Each
/// step takes a signed-in page, goes where it needs by URL, acts, and checks what the page then says. Times are
/// Paris wall-clock times.
/// </summary>
public static class ProgrammeSteps
{
    public const string DefaultMeetingLink = "https://visio.example/achats";

    /// <summary>Adds a sequence at the end of the programme.</summary>
    public static async Task AddSequenceAsync(IPage page, Guid cohortId, string title)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        await page.GetByLabel("Titre de la nouvelle séquence").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la séquence" }).ClickAsync();
        await DoneAsync(page, "fait=ajout", "Séquence ajoutée.");
        await page.GetByRole(AriaRole.Heading, new() { Name = title }).First.WaitForAsync();
    }

    /// <summary>Renames the sequence titled <paramref name="title"/>.</summary>
    public static async Task RenameSequenceAsync(IPage page, Guid cohortId, string title, string newTitle)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        await page.Locator("summary", new() { HasText = $"Renommer « {title} »" }).ClickAsync();
        await page.GetByLabel($"Nouveau titre de « {title} »").FillAsync(newTitle);
        await page.GetByLabel($"Nouveau titre de « {title} »").PressAsync("Enter");
        await DoneAsync(page, "fait=renommage", "Séquence renommée.");
        await page.GetByRole(AriaRole.Heading, new() { Name = newTitle }).First.WaitForAsync();
    }

    /// <summary>Moves the sequence titled <paramref name="title"/> one place up, with the keyboard.</summary>
    public static async Task MoveSequenceUpAsync(IPage page, Guid cohortId, string title) => await MoveAsync(page, cohortId, $"Monter « {title} »");

    /// <summary>Moves the sequence titled <paramref name="title"/> one place down, with the keyboard.</summary>
    public static async Task MoveSequenceDownAsync(IPage page, Guid cohortId, string title) => await MoveAsync(page, cohortId, $"Descendre « {title} »");

    /// <summary>The sequences' titles, in the programme's order.</summary>
    public static async Task<IReadOnlyList<string>> SequencesAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        return await page.Locator("ol.sequence-order .sequence-title").AllInnerTextsAsync();
    }

    /// <summary>
    /// Schedules a session from « Programmer une séance »; its id, read from the address of the page it lands on.
    /// <paramref name="kind"/> is « Plénière », « Atelier » or « Mise en relation ». Online with a link unless a venue is
    /// given (then in person, or hybrid with a link too).
    /// </summary>
    public static async Task<Guid> ScheduleAsync(
        IPage page, Guid cohortId, string sequence, string title, string kind, DateTime startsAt, DateTime endsAt, bool parallel = false,
        string? venue = null, string? meetingLink = DefaultMeetingLink, string? audience = null, IReadOnlyList<string>? categories = null)
    {
        await FillSessionAsync(page, cohortId, sequence, title, kind, startsAt, endsAt, parallel, venue, meetingLink, audience, categories);
        await DoneAsync(page, "fait=programmation", "Séance programmée.");
        await page.GetByRole(AriaRole.Heading, new() { Name = title }).First.WaitForAsync();
        return Guid.Parse(new Uri(page.Url).Segments[^1]);
    }

    /// <summary>Tries to schedule a session the programme refuses at these times: the refusal shown beside « Début ».</summary>
    public static async Task<string> ScheduleRefusedAsync(
        IPage page, Guid cohortId, string sequence, string title, string kind, DateTime startsAt, DateTime endsAt, bool parallel = false)
    {
        await FillSessionAsync(page, cohortId, sequence, title, kind, startsAt, endsAt, parallel, null, DefaultMeetingLink, null, null);
        await page.Locator("span.error").First.WaitForAsync();
        var described = await page.GetByLabel("Début", new() { Exact = true }).GetAttributeAsync("aria-describedby");
        var errorId = described.ShouldNotBeNull("No refusal beside « Début »").Split(' ')[^1];
        return await page.Locator($"#{errorId}").InnerTextAsync();
    }

    /// <summary>Cancels a session, through its confirmation, for <paramref name="reason"/>.</summary>
    public static async Task CancelAsync(IPage page, Guid cohortId, Guid sessionId, string reason)
    {
        await page.GotoAsync($"/programme/seances/{sessionId}?edition={cohortId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Annuler cette séance…" }).ClickAsync();
        await page.GetByLabel("Motif de l'annulation").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'annulation" }).ClickAsync();
        await DoneAsync(page, "fait=annulation", "Séance annulée.");
        (await page.Locator("p.error").InnerTextAsync()).ShouldContain(reason);
    }

    /// <summary>Downloads the whole programme as a calendar file, from the programme's link; its text.</summary>
    public static async Task<string> DownloadProgrammeIcsAsync(IPage page, Guid cohortId)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le programme pour un agenda (.ics)" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith("programme-");
        download.SuggestedFilename.ShouldEndWith(".ics");
        return await File.ReadAllTextAsync(await download.PathAsync());
    }

    private static async Task FillSessionAsync(
        IPage page, Guid cohortId, string sequence, string title, string kind, DateTime startsAt, DateTime endsAt, bool parallel,
        string? venue, string? meetingLink, string? audience, IReadOnlyList<string>? categories)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Programmer une séance", Exact = true }).ClickAsync();
        await page.GetByLabel("Titre de la séance").FillAsync(title);
        await page.GetByLabel("Séquence", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = sequence });
        await page.GetByLabel(kind, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(startsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Début", new() { Exact = true }).FillAsync(startsAt.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Fin", new() { Exact = true }).FillAsync(endsAt.ToString("HH:mm", CultureInfo.InvariantCulture));
        var modality = venue is null ? "En ligne" : meetingLink is null ? "En présentiel" : "Hybride (en présentiel et en ligne)";
        await page.GetByLabel(modality, new() { Exact = true }).CheckAsync();
        if (meetingLink is not null)
        {
            await page.GetByLabel("Lien de connexion", new() { Exact = true }).FillAsync(meetingLink);
        }

        if (venue is not null)
        {
            await page.GetByLabel("Lieu", new() { Exact = true }).FillAsync(venue);
        }

        if (audience is not null)
        {
            await page.GetByLabel("Public visé (facultatif)").FillAsync(audience);
        }

        foreach (var category in categories ?? [])
        {
            await page.GetByLabel(category, new() { Exact = true }).CheckAsync();
        }

        if (parallel)
        {
            await page.GetByLabel("Atelier en parallèle d'autres ateliers", new() { Exact = false }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Programmer la séance" }).ClickAsync();
    }

    private static async Task MoveAsync(IPage page, Guid cohortId, string button)
    {
        await page.GotoAsync($"/programme?edition={cohortId}");
        var move = page.GetByRole(AriaRole.Button, new() { Name = button });
        await move.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await DoneAsync(page, "fait=ordre", "Ordre des séquences enregistré.");
    }

    private static async Task DoneAsync(IPage page, string marker, string message)
    {
        await page.WaitForURLAsync(url => url.Contains(marker, StringComparison.Ordinal));
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain(message);
    }
}
