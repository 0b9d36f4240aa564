using Achats.Browser.Tests.Year;
using Achats.Cohorts.Cohorts;
using Achats.Cohorts.Sessions;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>The Éditions pages in Chromium: the list, planning an edition, changing its dates, launching and closing it.</summary>
public sealed class EditionPagesTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_plan_an_edition_from_the_list_and_find_it_there_with_its_dates_in_French()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Éditions", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Éditions", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une édition" }).ClickAsync();
        await page.GetByLabel("Nom de l'édition", new() { Exact = true }).FillAsync("   ");
        await page.GetByLabel("Ouverture des inscriptions").FillAsync(Iso(today.AddDays(10)));
        await page.GetByLabel("Clôture des inscriptions").FillAsync(Iso(today));
        await page.GetByLabel("Premier jour de l'édition").FillAsync(Iso(today.AddDays(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Planifier l'édition" }).ClickAsync();
        await page.GetByText("La clôture des inscriptions ne peut précéder leur ouverture.").WaitForAsync();
        (await page.GetByText("Le nom de l'édition est obligatoire.").CountAsync()).ShouldBe(1);
        await Look.AtAsync(page, "edition-nouvelle");

        var cohortId = await EditionSteps.PlanAsync(page, "Édition 2027", today.AddDays(-5), today.AddDays(25), today.AddDays(40), null);

        (await page.Locator(".facts").InnerTextAsync()).ShouldContain(FrenchDates.Long(today.AddDays(40).AddYears(1).AddDays(-1)));
        await Look.AtAsync(page, "edition");
        await page.GotoAsync("/editions");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "Édition 2027" }) });
        var text = await row.InnerTextAsync();
        text.ShouldContain("Inscriptions ouvertes");
        text.ShouldContain($"du {FrenchDates.Long(today.AddDays(-5))} au {FrenchDates.Long(today.AddDays(25))}");
        text.ShouldContain("aucun participant");
        text.ShouldContain("Pas encore lancée");
        await Look.AtAsync(page, "editions");
        await row.GetByRole(AriaRole.Link, new() { Name = "Édition 2027" }).ClickAsync();
        await page.WaitForURLAsync($"**/editions/{cohortId}");
    }

    [Fact]
    public async Task New_dates_leaving_a_session_outside_are_refused_beside_the_first_day_then_dates_that_fit_are_kept_with_their_reason()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var cohortId = await app.OpenCohortAsync("Édition des dates");
        var startsOn = today.AddDays(40);
        var sequence = await app.InvokeTrackedAsync<CohortChanged>(new AddSequence(cohortId, "Ouverture"));
        var day = startsOn.AddDays(2).ToDateTime(new TimeOnly(9, 30));
        await app.InvokeTrackedAsync<CohortChanged>(new ScheduleSession(cohortId, sequence.CreatedId!.Value, "Séance de lancement", SessionKind.Plenary,
            day, day.AddHours(3), Modality.Online, "https://visio.example/achats", null, null, [], false));

        var refusal = await EditionSteps.ChangeDatesRefusedAsync(page, cohortId, today.AddDays(-10), today.AddDays(30), startsOn.AddDays(7), startsOn.AddDays(300),
            "Salle indisponible en janvier.", "Premier jour de l'édition");

        refusal.ShouldContain("Ces dates laisseraient hors de l'édition « Séance de lancement »");
        await EditionSteps.ChangeDatesAsync(page, cohortId, today.AddDays(-10), today.AddDays(35), startsOn, startsOn.AddDays(300), "Inscriptions prolongées d'une semaine.");
        (await page.Locator(".timeline").InnerTextAsync()).ShouldContain($"Inscriptions du {FrenchDates.Long(today.AddDays(-10))} au {FrenchDates.Long(today.AddDays(35))}");
    }

    [Fact]
    public async Task Staff_launch_an_edition_from_its_first_day_after_reading_what_it_triggers_then_close_it()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var cohort = await app.InvokeTrackedAsync<Cohort>(new PlanCohort("Édition du lancement", today.AddDays(-40), today.AddDays(-10), today));

        await page.GotoAsync($"/editions/{cohort.Id}?confirmer=lancement");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Lancer « Édition du lancement » ?" }).WaitForAsync();
        (await page.GetByRole(AriaRole.Region, new() { Name = "Lancer « Édition du lancement » ?" }).InnerTextAsync())
            .ShouldContain("La liste des participants (aucun participant à ce jour) sera publiée dans l'espace participants");
        await Look.AtAsync(page, "edition-lancement");
        await EditionSteps.LaunchAsync(page, cohort.Id);
        (await page.GetByText("Les dates ne changent plus : l'édition est lancée.").CountAsync()).ShouldBe(1);

        await page.GotoAsync($"/editions/{cohort.Id}?confirmer=cloture");
        (await page.GetByRole(AriaRole.Region, new() { Name = "Clore « Édition du lancement » ?" }).InnerTextAsync()).ShouldContain("Les présences seront figées");
        await EditionSteps.CloseAsync(page, cohort.Id);
        await Look.AtAsync(page, "edition-close");
    }

    [Fact]
    public async Task Before_its_first_day_an_edition_says_the_day_it_may_be_launched()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var cohortId = await app.OpenCohortAsync("Édition à venir");

        await page.GotoAsync($"/editions/{cohortId}");

        (await page.GetByText($"Le lancement sera possible à partir du {FrenchDates.Long(today.AddDays(40))}, premier jour de l'édition.").CountAsync()).ShouldBe(1);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Lancer l'édition…" }).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Staff_give_the_editions_LinkedIn_group_by_keyboard_and_an_address_off_linkedin_com_is_refused_beside_the_field()
    {
        var page = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var cohortId = await app.OpenCohortAsync("Édition en réseau");
        await page.GotoAsync($"/editions/{cohortId}");
        await page.GetByText("Aucun groupe indiqué : le courriel de bienvenue n'en parle pas.").WaitForAsync();

        await page.GetByText("Indiquer le groupe LinkedIn").ClickAsync();
        var field = page.GetByLabel("Adresse du groupe LinkedIn");
        await field.FillAsync("http://www.linkedin.com/groups/1234567/");
        await field.PressAsync("Enter");
        await page.Locator("#url-erreur").GetByText("Donnez l'adresse https:// d'un groupe sur linkedin.com").WaitForAsync();
        (await field.InputValueAsync()).ShouldBe("http://www.linkedin.com/groups/1234567/"); // what was typed stays
        await Look.AtAsync(page, "edition-linkedin-refus");

        await field.FillAsync("https://www.linkedin.com/groups/1234567/");
        await field.PressAsync("Enter");
        await page.GetByText("Groupe LinkedIn enregistré : les prochains courriels de bienvenue le donnent.").WaitForAsync();
        (await page.GetByRole(AriaRole.Link, new() { Name = "https://www.linkedin.com/groups/1234567/" }).GetAttributeAsync("href")).ShouldBe("https://www.linkedin.com/groups/1234567/");
        await Look.AtAsync(page, "edition-linkedin");
    }

    [Fact]
    public async Task An_auditor_reads_an_edition_without_any_form_or_act()
    {
        var cohortId = await app.OpenCohortAsync("Édition auditée");
        var page = await app.SignedInPageAsync(chromium, StaffRole.Auditor);

        await page.GotoAsync($"/editions/{cohortId}");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Édition auditée" }).WaitForAsync();
        (await page.Locator("main form").CountAsync()).ShouldBe(0);
        (await page.GetByRole(AriaRole.Link, new() { Name = "Télécharger (CSV)" }).CountAsync()).ShouldBe(1);
        await page.GotoAsync("/editions");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Planifier une édition" }).CountAsync()).ShouldBe(0);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
