using Achats.Browser.Tests.Year;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>Building a cohort's programme in the browser: sequences, sessions, the overlap refused, a cancellation, the calendar file.</summary>
public sealed class ProgrammePagesTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_add_rename_and_reorder_sequences_with_the_keyboard()
    {
        var cohortId = await app.OpenCohortAsync("Édition des séquences");
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);

        await ProgrammeSteps.AddSequenceAsync(page, cohortId, "Comprendre l'achat circulaire");
        await ProgrammeSteps.AddSequenceAsync(page, cohortId, "Passer à l'action");
        await ProgrammeSteps.RenameSequenceAsync(page, cohortId, "Passer à l'action", "Acheter autrement");
        await ProgrammeSteps.MoveSequenceUpAsync(page, cohortId, "Acheter autrement");

        (await ProgrammeSteps.SequencesAsync(page, cohortId)).ShouldBe(["Acheter autrement", "Comprendre l'achat circulaire"]);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Monter « Acheter autrement »" }).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_schedule_a_plenary_and_two_parallel_workshops_and_see_an_overlap_refused_with_the_session_in_the_way()
    {
        var cohortId = await app.OpenCohortAsync("Édition 2027");
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var day = Tuesday(app.Clock.TodayInParis().AddDays(42)).ToDateTime(TimeOnly.MinValue);
        await ProgrammeSteps.AddSequenceAsync(page, cohortId, "Comprendre l'achat circulaire");
        await ProgrammeSteps.AddSequenceAsync(page, cohortId, "Rencontrer des solutions");

        await page.GotoAsync($"/programme/seances/nouvelle?edition={cohortId}");
        await Look.AtAsync(page, "seance-nouvelle");
        await ProgrammeSteps.ScheduleAsync(page, cohortId, "Comprendre l'achat circulaire", "Séance de lancement", "Plénière", day.AddHours(9.5), day.AddHours(12),
            audience: "Élus en début de mandat");
        await ProgrammeSteps.ScheduleAsync(page, cohortId, "Comprendre l'achat circulaire", "Atelier BTP", "Atelier", day.AddHours(14), day.AddHours(16), parallel: true);
        await ProgrammeSteps.ScheduleAsync(page, cohortId, "Comprendre l'achat circulaire", "Atelier restauration", "Atelier", day.AddHours(14), day.AddHours(16), parallel: true);
        var matchmaking = await ProgrammeSteps.ScheduleAsync(page, cohortId, "Rencontrer des solutions", "Rencontre avec des structures de l'ESS", "Mise en relation",
            day.AddDays(2).AddHours(10), day.AddDays(2).AddHours(12), venue: "Hôtel de la Métropole, 15 avenue Pierre Mendès-France, Paris", meetingLink: null,
            categories: ["Restauration", "Nettoyage"]);
        await Look.AtAsync(page, "seance");

        var refusal = await ProgrammeSteps.ScheduleRefusedAsync(page, cohortId, "Comprendre l'achat circulaire", "Point d'étape", "Plénière", day.AddHours(11), day.AddHours(13));

        refusal.ShouldStartWith($"Cette séance chevauche « Séance de lancement » ({FrenchDates.Long(DateOnly.FromDateTime(day))}, 09h30–12h00)");
        (await page.GetByLabel("Titre de la séance").InputValueAsync()).ShouldBe("Point d'étape");
        await Look.AtAsync(page, "seance-chevauchement");

        await page.GotoAsync($"/programme?edition={cohortId}");
        var list = await page.Locator("main").InnerTextAsync();
        list.ShouldContain("Séquence 1 : Comprendre l'achat circulaire");
        list.ShouldContain("Public visé : Élus en début de mandat");
        list.ShouldContain("Catégories d'achat : Restauration, Nettoyage");
        await Look.AtAsync(page, "programme-liste");

        await page.GetByRole(AriaRole.Link, new() { Name = "Semaine par semaine" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Semaine du {FrenchDates.Long(Monday(DateOnly.FromDateTime(day)))}" }).WaitForAsync();
        (await page.Locator("ol.week > li").CountAsync()).ShouldBe(7);
        (await page.Locator("ol.week .session").CountAsync()).ShouldBe(4);
        await Look.AtAsync(page, "programme-semaine");
        await page.GetByRole(AriaRole.Link, new() { Name = "Semaine suivante →" }).ClickAsync();
        await page.GetByText("Aucune séance.").First.WaitForAsync();
        (await page.Locator("ol.week .session").CountAsync()).ShouldBe(0);
        matchmaking.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_cancelled_session_says_why_and_the_calendar_file_marks_it_cancelled()
    {
        var cohortId = await app.OpenCohortAsync("Édition annulations");
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var day = app.Clock.TodayInParis().AddDays(45).ToDateTime(TimeOnly.MinValue);
        await ProgrammeSteps.AddSequenceAsync(page, cohortId, "Ouverture");
        var sessionId = await ProgrammeSteps.ScheduleAsync(page, cohortId, "Ouverture", "Séance de lancement", "Plénière", day.AddHours(9.5), day.AddHours(12));

        await ProgrammeSteps.CancelAsync(page, cohortId, sessionId, "Salle indisponible");
        var calendar = await ProgrammeSteps.DownloadProgrammeIcsAsync(page, cohortId);

        calendar.ShouldContain("BEGIN:VCALENDAR");
        calendar.ShouldContain($"UID:{sessionId}@");
        calendar.ShouldContain("STATUS:CANCELLED");
        calendar.ShouldContain("TZID=Europe/Paris");
        (await page.Locator(".session.cancelled").InnerTextAsync()).ShouldContain("Séance annulée : Salle indisponible");
    }

    private static DateOnly Tuesday(DateOnly day) => Monday(day).AddDays(8);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
