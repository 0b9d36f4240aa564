using Achats.Browser.Tests.Year;
using Achats.Shared.Access;
using Achats.Shared.Time;
using Shouldly;
using Xunit;

namespace Achats.Browser.Tests;

/// <summary>
/// A cohort's year run by programme staff in the browser only, from planning to closure (issue 14). Participants
/// pre-register through the public API and sign through their emailed link; every staff act goes through a page.
/// Each step is one call of the pages' own steps (<c>Year/</c>), so a failure names the step that broke.
/// </summary>
public sealed class CohortYearTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static readonly string[] Participants = ["Hugo", "Inès", "Jules", "Katia"];

    [Fact]
    public async Task Staff_run_a_cohort_s_year_in_the_browser()
    {
        var staff = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        var today = app.Clock.TodayInParis();
        var starts = today.AddDays(30);

        // Plan the edition and its programme: a plenary, two parallel workshops, an overlap refused.
        var cohortId = await EditionSteps.PlanAsync(staff, "Édition de l'année", today, today.AddDays(20), starts, starts.AddDays(330));
        await ProgrammeSteps.AddSequenceAsync(staff, cohortId, "Lancement");
        var plenary = await ProgrammeSteps.ScheduleAsync(staff, cohortId, "Lancement", "Séance de lancement", "Plénière",
            At(starts.AddDays(1), 9, 30), At(starts.AddDays(1), 12, 30));
        await ProgrammeSteps.ScheduleAsync(staff, cohortId, "Lancement", "Atelier réemploi", "Atelier",
            At(starts.AddDays(8), 14, 0), At(starts.AddDays(8), 16, 0), parallel: true);
        await ProgrammeSteps.ScheduleAsync(staff, cohortId, "Lancement", "Atelier insertion", "Atelier",
            At(starts.AddDays(8), 14, 0), At(starts.AddDays(8), 16, 0), parallel: true);
        (await ProgrammeSteps.ScheduleRefusedAsync(staff, cohortId, "Lancement", "Point d'étape", "Plénière",
            At(starts.AddDays(1), 10, 0), At(starts.AddDays(1), 11, 0))).ShouldContain("Séance de lancement");
        await Look.AtAsync(staff, "annee-programme");

        // Write and publish the charter; four buyers pre-register, are validated, and sign through their emailed link.
        await CharterSteps.WriteDraftAsync(staff, cohortId, "Charte de l'édition", "Les participants s'engagent pendant **toute l'édition**.",
            ["Participer aux séances plénières.", "Intégrer des critères circulaires et solidaires à un achat."]);
        await CharterSteps.PublishAsync(staff, cohortId);
        foreach (var name in Participants)
        {
            var email = $"{name.ToLowerInvariant()}.{Guid.CreateVersion7():N}@exemple.test";
            await DeskSteps.ValidateAsync(staff, await app.PreRegisterAsync(cohortId, name, "Bernard", free: true, email));
            var participant = await app.NewPageAsync(chromium);
            await DeskSteps.SignCharterAsync(participant, await app.SigningLinkSentToAsync(email), $"{name} Bernard");
            await participant.Context.CloseAsync();
        }

        (await CharterSteps.SignatureStatesAsync(staff, cohortId)).Values.ShouldAllBe(state => state == "À jour");

        // A month later, just after the first plenary (staff sign in again): launch, then take the plenary's attendance,
        // all present, then two corrections.
        app.Clock.SetUtcNow(ParisTime.FromParis(At(starts.AddDays(1), 13, 0))!.Value);
        staff = await app.SignedInPageAsync(chromium, StaffRole.ProgrammeStaff);
        await EditionSteps.LaunchAsync(staff, cohortId);
        await AttendanceSteps.TakeAttendanceAsync(staff, cohortId, plenary,
            new Dictionary<string, string> { ["Inès Bernard"] = "absent", ["Jules Bernard"] = "excusé" });
        (await AttendanceSteps.FlaggedAsync(staff, cohortId)).ShouldContain("Inès Bernard");

        // Working groups: propose, move one person, publish.
        await GroupSteps.ProposeAsync(staff, cohortId, 2, 3);
        await GroupSteps.MoveAsync(staff, cohortId, "Hugo Bernard", "Aucun groupe");
        await GroupSteps.MoveAsync(staff, cohortId, "Hugo Bernard", "Plusieurs catégories — groupe 1");
        await GroupSteps.PublishAsync(staff, cohortId);

        // A purchasing project declared, then advanced; the impact report counts it.
        var project = await ProjectSteps.DeclareAsync(staff, cohortId, "Katia Bernard", "Restauration scolaire", "Restauration",
            ["Économie circulaire"], "Besoin exprimé", today.AddDays(120));
        await ProjectSteps.AdvanceAsync(staff, cohortId, project, "Consultation publiée");
        (await ProjectSteps.ReportAsync(staff, cohortId, "catégorie")).ShouldContainKeyAndValue("Restauration", 1);
        await Look.AtAsync(staff, "annee-bilan");

        // Charter version 2: the confirmation names who must sign again; the report then shows them pending.
        await CharterSteps.WriteDraftAsync(staff, cohortId, "Charte de l'édition", "Les participants s'engagent pendant **toute l'édition** et au-delà.",
            ["Participer aux séances plénières.", "Intégrer des critères circulaires et solidaires à deux achats."]);
        var confirmation = await CharterSteps.PublishAsync(staff, cohortId);
        foreach (var name in Participants)
        {
            confirmation.ShouldContain($"{name} Bernard");
        }

        (await CharterSteps.SignatureStatesAsync(staff, cohortId)).Values.ShouldAllBe(state => state == "En attente");

        // Every export downloads as CSV and as a workbook, with the same rows.
        (await DeskSteps.DownloadBothAsync(staff, $"/editions/{cohortId}")).Count.ShouldBe(1 + Participants.Length);
        (await DeskSteps.DownloadBothAsync(staff, $"/assiduite?edition={cohortId}")).Count.ShouldBe(1 + Participants.Length);
        (await DeskSteps.DownloadBothAsync(staff, $"/projets?edition={cohortId}")).Count.ShouldBe(2);
        (await DeskSteps.DownloadBothAsync(staff, $"/inscriptions?edition={cohortId}")).Count.ShouldBe(1 + Participants.Length);

        await EditionSteps.CloseAsync(staff, cohortId);
    }

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute));
}
